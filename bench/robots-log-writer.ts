// A stand-in worker for the desk frame bench: holds the lease of the one queued job and writes
// `rate` step log rows a second (one transaction each) for `seconds`, then succeeds.
import {openOpsdesk} from '../source/open-opsdesk.js';
import {openJobQueue} from '../source/robot/open-queue.js';

const [file, rate = '1000', seconds = '5'] = process.argv.slice(2);
const db = openOpsdesk(file!);
const queue = openJobQueue(db, {leaseMs: 60_000});
const lease = (await queue.lease('bench-writer'))!;
const started = performance.now();
let written = 0;
while (performance.now() - started < Number(seconds) * 1000) {
	const due = Math.floor(((performance.now() - started) / 1000) * Number(rate));
	for (; written < due; written++) {
		await queue.finishStep(lease, {number: (written % 50) + 1, name: 'type', level: written % 97 === 0 ? 'warn' : 'info', message: `typed row ${written}`, durationMs: 1});
	}
	await new Promise(resolve => setTimeout(resolve, 5));
}
await queue.succeed(lease);
db.close();
console.log(JSON.stringify({written}));
