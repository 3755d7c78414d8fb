import {hasCustomers, seedDemo} from '../seed/demo-seed.js';
import {seedSyntheticCustomers, seedSyntheticCustomersInWorker} from '../seed/synthetic-seed.js';
import {UserError, exitCodes} from '../store/errors.js';
import type {Command} from './command.js';
import {usageError, wholeNumberFlag} from './arguments.js';
import {seedOrdersNow} from './seed-orders.js';

const seed: Command = {
	name: 'seed',
	summary: 'load the demo data (--demo, into an empty database unless --force) or N generated customers',
	usage: 'seed --demo [--force] | seed --customers N | seed --orders N',
	flags: {demo: {type: 'boolean'}, force: {type: 'boolean'}, customers: {type: 'string'}, orders: {type: 'string'}},
	async run(context) {
		const orders = wholeNumberFlag(seed, context, 'orders', 'orders');
		if (orders !== undefined) {
			if (context.flags.demo === true || context.flags.customers !== undefined) throw usageError(seed, 'seed --orders N runs on its own, once the customers exist');
			return seedOrdersNow(context, orders);
		}
		const count = wholeNumberFlag(seed, context, 'customers', 'customers');
		const demo = context.flags.demo === true;
		if (demo === (count !== undefined)) throw usageError(seed, 'give either --demo or --customers N');
		if (context.args.length > 0) throw usageError(seed, `unexpected argument "${context.args[0]}"`);
		const db = await context.store();
		if (demo) {
			if (await hasCustomers(db) && context.flags.force !== true) {
				throw new UserError(
					'this database already has customers; seed --demo fills an empty one (add --force to add the demo customers anyway; demo rows whose email is taken are skipped)',
					exitCodes.usage,
				);
			}
			const counts = await seedDemo(db);
			const skipped = counts.reduce((sum, count) => sum + count.skipped, 0);
			context.say(`demo data loaded: ${counts.map(count => `${count.written} ${count.step}`).join(', ')}${skipped > 0 ? ` (${skipped} skipped: already there)` : ''}`);
			return;
		}
		const started = performance.now();
		const progress = {
			progress: (done: number) => {
				if (done < count!) context.say(`… ${done.toLocaleString('en')} of ${count!.toLocaleString('en')}`);
			},
		};
		// A worker thread makes the rows while this one inserts; starting it costs more than small counts save.
		const {written, skipped} = count! >= 20_000 ? await seedSyntheticCustomersInWorker(db, count!, progress) : await seedSyntheticCustomers(db, count!, progress);
		const seconds = (performance.now() - started) / 1000;
		context.say(`added ${written} generated customers in ${seconds.toFixed(1)} s${skipped > 0 ? ` (${skipped} skipped: email already in use)` : ''}`);
	},
};

export const seedCommands: Command[] = [seed];
