import crypto from 'node:crypto';

/**
 * A table's checksum: SHA-256 over its rows in key order, each value written unambiguously
 * (a type mark, then its length and text). Read from the source while copying, and read back
 * from the destination before it is committed: equal counts and equal checksums mean every
 * row arrived with every value, whatever the engines.
 */
export class RowDigest {
	private readonly hash = crypto.createHash('sha256');
	rows = 0;

	add(batch: readonly unknown[][]): void {
		let text = '';
		for (const row of batch) {
			for (const value of row) text += encoded(value);
			text += '\n';
		}
		this.rows += batch.length;
		this.hash.update(text);
	}

	/** The checksum, as hex; call once, after the last batch. */
	finish(): string {
		return this.hash.digest('hex');
	}
}

function encoded(value: unknown): string {
	if (value === null || value === undefined) return 'N;';
	if (typeof value === 'number' || typeof value === 'bigint') return `I${String(value)};`;
	if (typeof value === 'string') return `T${value.length}:${value}`;
	if (value instanceof Uint8Array) return `B${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')};`;
	return `J${JSON.stringify(value)};`;
}
