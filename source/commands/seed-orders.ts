import {seedOrders} from '../seed/order-seed.js';
import type {CommandContext} from './command.js';

/** `seed --orders N`: N generated orders over the existing customers (for benchmarks). */
export async function seedOrdersNow(context: CommandContext, count: number): Promise<void> {
	const started = performance.now();
	const {created} = await seedOrders(await context.store(), count, {
		progress: done => {
			if (count >= 500_000 && done < count && done % 500_000 === 0) context.say(`… ${done.toLocaleString('en')} of ${count.toLocaleString('en')}`);
		},
	});
	context.say(`added ${created} generated orders in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
