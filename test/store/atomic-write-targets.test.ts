import fs from 'node:fs';
import path from 'node:path';
import {spawn} from 'node:child_process';
import {describe, expect, it, vi} from 'vitest';
import {openAtomicFile, openAtomicFileSync, reserveAtomicFile, writeFileAtomic} from '../../source/store/atomic-write.js';
import {sameFile, wouldOverwriteDatabase} from '../../source/store/same-file.js';
import {UserError} from '../../source/store/errors.js';
import {afterTest} from '../support/after-test.js';
import {fifoIn, readFromOtherEnd} from '../support/fifo.js';
import {tempFolder} from '../support/temp-db.js';

function partials(folder: string): string[] {
	return fs.readdirSync(folder).filter(name => name.includes('.partial-'));
}

describe('writing through a symbolic link', () => {
	it('replaces the file the link names, keeps the link, and puts the temporary file beside the real file', async () => {
		const folder = tempFolder();
		const real = path.join(folder, 'data', 'real.csv');
		fs.mkdirSync(path.dirname(real));
		fs.writeFileSync(real, 'old', {mode: 0o644});
		const linkFolder = path.join(folder, 'links');
		fs.mkdirSync(linkFolder);
		const link = path.join(linkFolder, 'link.csv');
		fs.symlinkSync('../data/real.csv', link);

		writeFileAtomic(link, 'one');
		expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
		expect(fs.readFileSync(real, 'utf8')).toBe('one');
		expect(fs.statSync(real).mode & 0o777).toBe(0o600);

		const sync = openAtomicFileSync(link);
		expect(path.dirname(sync.temporary)).toBe(fs.realpathSync(path.dirname(real)));
		sync.write('two');
		sync.commit();
		expect(fs.readFileSync(real, 'utf8')).toBe('two');

		const stream = await openAtomicFile(link);
		stream.stream.write('three');
		await stream.commit();
		expect(fs.readFileSync(real, 'utf8')).toBe('three');

		const reserved = reserveAtomicFile(link);
		fs.writeFileSync(reserved.temporary, 'four');
		reserved.commit();
		expect(fs.readFileSync(real, 'utf8')).toBe('four');

		expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
		expect(fs.readlinkSync(link)).toBe('../data/real.csv');
		expect(partials(linkFolder)).toEqual([]);
		expect(partials(path.dirname(real))).toEqual([]);
	});

	it('creates the missing file a dangling link names, keeping the link', () => {
		const folder = tempFolder();
		const link = path.join(folder, 'link.csv');
		fs.symlinkSync('new.csv', link);
		writeFileAtomic(link, 'made');
		expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
		expect(fs.readFileSync(path.join(folder, 'new.csv'), 'utf8')).toBe('made');
	});

	it('still refuses a folder, also through a link', () => {
		const folder = tempFolder();
		fs.symlinkSync(folder, path.join(folder, 'to-folder'));
		for (const target of [folder, path.join(folder, 'to-folder')]) {
			expect(() => openAtomicFileSync(target)).toThrow(/cannot write: is a folder/);
			expect(() => writeFileAtomic(target, 'x')).toThrow(/cannot write: is a folder/);
		}
		expect(fs.lstatSync(path.join(folder, 'to-folder')).isSymbolicLink()).toBe(true);
	});
});

describe('writing into a pipe or device', () => {
	it('writes a FIFO in place: it stays a FIFO and the reader gets every byte (sync writer)', async () => {
		const folder = tempFolder();
		const fifo = fifoIn(folder);
		const read = readFromOtherEnd(fifo);
		const file = openAtomicFileSync(fifo);
		file.write('name\n');
		file.write('Ada\n');
		file.commit();
		expect(await read).toBe('name\nAda\n');
		expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
		expect(partials(folder)).toEqual([]);
	});

	it('writes a FIFO in place with the stream writer and with writeFileAtomic', async () => {
		const folder = tempFolder();
		const fifo = fifoIn(folder);
		fs.chmodSync(fifo, 0o640);
		const read = readFromOtherEnd(fifo);
		const file = await openAtomicFile(fifo);
		file.stream.write('BEGIN:VCARD\n');
		await file.commit();
		expect(await read).toBe('BEGIN:VCARD\n');
		expect(fs.lstatSync(fifo).isFIFO()).toBe(true);

		const again = readFromOtherEnd(fifo, `${fifo}.again`);
		writeFileAtomic(fifo, 'whole');
		expect(await again).toBe('whole');
		expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
		// Not chmod-ed: a pipe's mode is not ours.
		expect(fs.statSync(fifo).mode & 0o777).toBe(0o640);
		expect(partials(folder)).toEqual([]);
	});

	it('follows a link to a FIFO', async () => {
		const folder = tempFolder();
		const fifo = fifoIn(folder);
		const link = path.join(folder, 'link.csv');
		fs.symlinkSync(fifo, link);
		const read = readFromOtherEnd(fifo);
		writeFileAtomic(link, 'through');
		expect(await read).toBe('through');
		expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
		expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
	});

	it('maps a full disk on a device as it does on a file: exit 5, the target named', async () => {
		const folder = tempFolder();
		const fifo = fifoIn(folder);
		const read = readFromOtherEnd(fifo);
		const file = openAtomicFileSync(fifo);
		const full = vi.spyOn(fs, 'writeSync').mockImplementation(() => {
			throw Object.assign(new Error('ENOSPC: no space left on device'), {code: 'ENOSPC'});
		});
		let failure: unknown;
		try {
			file.write('name\n');
		} catch (error) {
			failure = error;
		} finally {
			full.mockRestore();
		}
		file.abort();
		expect(failure).toBeInstanceOf(UserError);
		expect(failure).toMatchObject({exitCode: 5, message: `${fifo}: cannot write: the disk is full`});
		expect(await read).toBe('');
		expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
	});

	it('the stream writer reports a failed write at commit instead of finishing quietly', async () => {
		const folder = tempFolder();
		const fifo = fifoIn(folder);
		// A reader that takes one byte and leaves: later writes fail (EPIPE).
		const child = spawn('sh', ['-c', 'exec head -c 1 "$1" > /dev/null', 'sh', fifo], {stdio: 'ignore'});
		afterTest(() => {
			if (child.exitCode === null) child.kill('SIGKILL');
		});
		const file = await openAtomicFile(fifo);
		const chunk = 'x'.repeat(1 << 20);
		for (let index = 0; index < 4; index++) file.stream.write(chunk);
		await expect(file.commit()).rejects.toThrow(new RegExp(`^${fifo}: cannot write: `));
		expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
	});

	it('refuses a pipe where the writer needs a real file (backups), and leaves it alone', () => {
		const folder = tempFolder();
		const fifo = fifoIn(folder);
		expect(() => reserveAtomicFile(fifo)).toThrow(/cannot write: a pipe or device; this needs a regular file/);
		expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
		expect(partials(folder)).toEqual([]);
	});

	it('writes into /dev/null without replacing it', async () => {
		// Only once a FIFO is known to be written in place: without that, this would replace /dev/null.
		const fifo = fifoIn(tempFolder());
		const read = readFromOtherEnd(fifo);
		writeFileAtomic(fifo, 'guard');
		expect(await read).toBe('guard');
		expect(fs.lstatSync(fifo).isFIFO()).toBe(true);

		const before = fs.statSync('/dev/null');
		expect(before.isCharacterDevice()).toBe(true);
		writeFileAtomic('/dev/null', 'nothing');
		const file = openAtomicFileSync('/dev/null');
		file.write('nothing either');
		file.commit();
		const after = fs.lstatSync('/dev/null');
		expect(after.isCharacterDevice()).toBe(true);
		expect({rdev: after.rdev, ino: after.ino, mode: after.mode}).toEqual({rdev: before.rdev, ino: before.ino, mode: before.mode});
	});
});

describe('telling whether two paths are one file', () => {
	it('sees through spellings, links and hard links, and knows the database companions', () => {
		const folder = tempFolder();
		const database = path.join(folder, 'opsdesk.db');
		fs.writeFileSync(database, 'db');
		fs.mkdirSync(path.join(folder, 'sub'));
		fs.symlinkSync(database, path.join(folder, 'alias.db'));
		fs.linkSync(database, path.join(folder, 'hard.db'));
		fs.symlinkSync('opsdesk.db-wal', path.join(folder, 'wal-link'));
		const same = [database, path.join(folder, 'sub', '..', 'opsdesk.db'), path.join(folder, 'alias.db'), path.join(folder, 'hard.db')];
		for (const spelling of same) expect(sameFile(spelling, database)).toBe(true);
		for (const companion of ['opsdesk.db-wal', 'opsdesk.db-shm', 'opsdesk.db-journal', 'wal-link', 'sub/../opsdesk.db-journal']) {
			expect(wouldOverwriteDatabase(path.join(folder, companion), database)).toBe(true);
		}
		// Through a link to the database, its companions are beside the real file.
		expect(wouldOverwriteDatabase(database, path.join(folder, 'alias.db'))).toBe(true);
		expect(wouldOverwriteDatabase(`${database}-wal`, path.join(folder, 'alias.db'))).toBe(true);
		for (const other of ['other.db', 'opsdesk.db.csv', 'opsdesk.db-walrus', 'sub/opsdesk.db']) {
			expect(wouldOverwriteDatabase(path.join(folder, other), database)).toBe(false);
		}
	});
});
