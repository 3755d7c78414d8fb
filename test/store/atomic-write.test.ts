import fs from 'node:fs';
import path from 'node:path';
import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {openAtomicFile, writeFileAtomic} from '../../source/store/atomic-write.js';
import {tempFolder} from '../support/temp-db.js';

describe('writing a file whole', () => {
	it('creates it 0600 and replaces an older one, leaving no temporary file', () => {
		const folder = tempFolder();
		const target = path.join(folder, 'customers.csv');
		fs.writeFileSync(target, 'old', {mode: 0o644});
		writeFileAtomic(target, 'name\nAda\n');
		expect(fs.readFileSync(target, 'utf8')).toBe('name\nAda\n');
		expect(fs.statSync(target).mode & 0o777).toBe(0o600);
		expect(fs.readdirSync(folder)).toEqual(['customers.csv']);
	});

	it('names the file when it cannot write, and keeps the old one', () => {
		const folder = tempFolder();
		expect(() => writeFileAtomic(path.join(folder, 'missing', 'x.csv'), 'x')).toThrow(/missing\/x\.csv: cannot write: no such file or folder/);
	});

	it('streams into a private temporary file that only commit makes visible; abort leaves nothing', async () => {
		const folder = tempFolder();
		const target = path.join(folder, 'orders.csv');
		const file = await openAtomicFile(target);
		file.stream.write('number\n');
		expect(fs.statSync(file.temporary).mode & 0o777).toBe(0o600);
		expect(fs.existsSync(target)).toBe(false);
		await file.commit();
		expect(fs.readFileSync(target, 'utf8')).toBe('number\n');
		const second = await openAtomicFile(target);
		second.abort();
		expect(fs.readdirSync(folder)).toEqual(['orders.csv']);
	});

	it('removes partial files a killed process left, but not those of a live one', () => {
		const folder = tempFolder();
		const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'}).stdout;
		const stale = path.join(folder, `.backup.db.partial-${dead}-abcd1234`);
		const live = path.join(folder, `.backup.db.partial-${process.ppid}-abcd1234`);
		fs.writeFileSync(stale, 'customer emails');
		// A killed import's search entries, written by its derive workers beside its scratch index.
		fs.writeFileSync(`${stale}-entries-0`, 'customer names');
		fs.writeFileSync(`${stale}-entries-1`, 'customer names');
		fs.writeFileSync(live, 'being written');
		writeFileAtomic(path.join(folder, 'report.md'), '# report');
		expect(fs.readdirSync(folder).sort()).toEqual([path.basename(live), 'report.md'].sort());
	});
});
