// `npm run bench`: every figure is printed beside a baseline measured in the same run on
// the same machine, as a ratio; nothing here asserts a time. Each area adds its file.
import {benchCustomers} from './customers.js';

const sections: Array<[string, () => Promise<void>]> = [
	['customers: import and search at one million', benchCustomers],
];

const only = process.argv[2];
for (const [title, run] of sections) {
	if (only && !title.startsWith(only)) continue;
	console.log(`\n== ${title}`);
	await run();
}
