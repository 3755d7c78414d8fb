import type {CommandContext} from './command.js';

/**
 * Writes rows as one JSON array, a row a line as they arrive, so a listing of any length
 * never holds more than one row. Stops after `limit` rows and says whether more were there.
 */
export async function printJsonRows(context: CommandContext, rows: AsyncIterable<unknown> | Iterable<unknown>, limit: number): Promise<{rows: number; more: boolean}> {
	let shown = 0;
	let pending: string | undefined;
	let more = false;
	context.printData('[');
	for await (const row of rows) {
		if (shown === limit) {
			more = true;
			break;
		}
		if (pending !== undefined) context.printData(`${pending},`);
		pending = JSON.stringify(row);
		shown++;
	}
	context.printData(pending === undefined ? ']' : `${pending}\n]`);
	return {rows: shown, more};
}
