// `npm run bench`: every figure is printed beside a baseline measured in the same run on
// the same machine, as a ratio; nothing here asserts a time. Each area adds its file.
import {benchCustomers} from './customers.js';
import {benchDesk} from './desk.js';
import {benchPostgres} from './postgres.js';
import {benchReports} from './reports.js';
import {benchRobots} from './robots.js';
import {benchVision} from './robots-vision.js';
import {benchDuplicates} from './duplicates.js';

const sections: Array<[string, () => Promise<void>]> = [
	['customers: import and search at one million', benchCustomers],
	['desk: frames and start at one million customers', benchDesk],
	['reports: one million customers, five million orders', benchReports],
	['postgres: search and reports at one million customers and five million orders, beside SQLite', benchPostgres],
	['robots: queue throughput and runner overhead', benchRobots],
	['robots vision: find by image and OCR', benchVision],
	['duplicates: one million customers, 2% planted duplicates', benchDuplicates],
];

const only = process.argv[2];
for (const [title, run] of sections) {
	if (only && !title.startsWith(only)) continue;
	console.log(`\n== ${title}`);
	await run();
}
