import type {Db} from '../store/store.js';
import {openAtomicFile} from '../store/atomic-write.js';
import {customerFromRow, type CustomerRow} from '../customers/customer-rows.js';
import {customerCard} from './vcard-writer.js';

/**
 * `export customers FILE.vcf --format vcf`: every live customer as a vCard 4.0, in id order,
 * streamed from one snapshot into a 0600 file that appears only when whole.
 */
export async function exportCustomersVcard(db: Db, target: string): Promise<{exported: number}> {
	const file = await openAtomicFile(target);
	try {
		const exported = await db.read(async tx => {
			let count = 0;
			let chunk = '';
			const rows = tx.db.selectFrom('customers').selectAll().where('deleted_at', 'is', null).orderBy('id').stream(1000);
			for await (const row of rows) {
				chunk += customerCard(customerFromRow(row as unknown as CustomerRow));
				count++;
				if (chunk.length > 1 << 20) {
					await write(file.stream, chunk);
					chunk = '';
				}
			}
			await write(file.stream, chunk);
			return count;
		});
		await file.commit();
		return {exported};
	} catch (error) {
		file.abort();
		throw error;
	}
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
	return new Promise((resolve, reject) => {
		if (stream.write(text)) resolve();
		else stream.once('drain', resolve).once('error', reject);
	});
}
