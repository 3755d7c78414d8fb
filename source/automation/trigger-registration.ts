import {onRecordEvent} from '../events/record-events.js';

let registered = false;

/**
 * Every process that opens the store listens for record triggers (the desk, the CLI, imports,
 * workers), once. The trigger code (robot files, the queue) loads with the first change, not
 * with the store: the desk's first frame does not wait for it.
 */
export function listenForTriggers(): void {
	if (registered) return;
	registered = true;
	onRecordEvent(async (tx, change, origin) => {
		const {fireTriggers} = await import('./trigger-listener.js');
		await fireTriggers(tx, change, origin);
	}, {
		// An import into a database without triggers builds no events at all.
		wanted: async tx => Boolean(await tx.db.selectFrom('triggers').select('id').where('paused', '=', 0).limit(1).executeTakeFirst()),
	});
}
