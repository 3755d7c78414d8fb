import fs from 'node:fs';
import type {Database} from 'better-sqlite3';
import {stringify} from 'csv-stringify';
import {UserError} from '../store/errors.js';
import {formatAmount} from './order-fields.js';
import {orderCsvColumns} from './order-csv.js';

type ExportRow = {number: string; customer_email: string; status: string; amount: number; currency: string; placed_at: string; closed_at: string | null; note: string};

/**
 * `export orders FILE.csv`: the columns import reads, amounts as decimals, so an export
 * imports again unchanged. Streams rows (five million orders stay out of memory) into a
 * file beside the target, renamed at the end so a failed export never leaves half a file.
 */
export async function exportOrders(db: Database, file: string): Promise<{exported: number}> {
	const temporary = `${file}.partial-${process.pid}`;
	let output: fs.WriteStream;
	try {
		output = fs.createWriteStream(temporary, {flags: 'wx', mode: 0o600});
		await new Promise<void>((resolve, reject) => output.once('open', () => resolve()).once('error', reject));
	} catch (error) {
		throw new UserError(`${file}: cannot write: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
	}
	const csv = stringify({header: true, columns: [...orderCsvColumns]});
	csv.pipe(output);
	let exported = 0;
	try {
		const rows = db.prepare<[], ExportRow>(`SELECT o.number, c.email AS customer_email, o.status, o.amount, o.currency, o.placed_at, o.closed_at, o.note
			FROM orders AS o JOIN customers AS c ON c.id = o.customer_id ORDER BY o.id`).iterate();
		for (const row of rows) {
			const record = {...row, amount: formatAmount(row.amount), closed_at: row.closed_at ?? ''};
			if (!csv.write(record)) await new Promise(resolve => csv.once('drain', resolve));
			exported++;
		}
		csv.end();
		await new Promise<void>((resolve, reject) => output.once('finish', () => resolve()).once('error', reject));
		fs.renameSync(temporary, file);
	} catch (error) {
		output.destroy();
		fs.rmSync(temporary, {force: true});
		throw new UserError(`${file}: export failed: ${(error as Error).message}`);
	}
	return {exported};
}
