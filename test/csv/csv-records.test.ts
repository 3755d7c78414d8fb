import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readCsvRecords} from '../../source/csv/csv-records.js';
import {tempFolder} from '../support/temp-db.js';

function recordsOf(content: string | Buffer): Array<[number, string[]]> {
	const file = path.join(tempFolder(), 'records.csv');
	fs.writeFileSync(file, content);
	const records: Array<[number, string[]]> = [];
	readCsvRecords(file, 'records.csv', (record, line) => records.push([line, record]));
	return records;
}

describe('reading CSV records', () => {
	it('gives each record the line it starts on, with mixed endings, blank lines and quoted newlines', () => {
		expect(recordsOf('\ufeffa,b\r\n\r\n"x\r\ny",1\n"q""uote, here",2\r\nplain,3')).toEqual([
			[1, ['a', 'b']],
			[2, ['']],
			[3, ['x\r\ny', '1']],
			[5, ['q"uote, here', '2']],
			[6, ['plain', '3']],
		]);
	});

	it('keeps line numbers right across 4 MB reads, with quoted records on both sides of each cut', () => {
		const rows = ['name,address,notes'];
		const expected: Array<[number, string]> = [];
		let line = 2;
		for (let index = 0; index < 70_000; index++) {
			const quoted = index % 3 === 0;
			rows.push(quoted ? `P${index},"${index} Road\r\nFlat ""${index % 10}""\nTown",${'x'.repeat(120)}` : `P${index},${index} Road,${'y'.repeat(120)}`);
			if (index % 5003 === 0) expected.push([line, `P${index}`]);
			line += quoted ? 3 : 1;
		}
		const content = rows.join('\r\n');
		expect(Buffer.byteLength(content)).toBeGreaterThan(8 * 1024 * 1024);
		const records = recordsOf(content);
		expect(records).toHaveLength(70_001);
		const found = records.filter(([, record]) => Number(record[0]!.slice(1)) % 5003 === 0).map(([at, record]) => [at, record[0]]);
		expect(found).toEqual(expected);
		expect(records[1]![1]).toEqual(['P0', '0 Road\r\nFlat "0"\nTown', 'x'.repeat(120)]);
		expect(records.at(-1)![1]).toHaveLength(3);
	});
});
