import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, describe, expect, it} from 'vitest';
import Database from 'better-sqlite3';
import {hasCommands} from '../support/requires.js';
import {cliPath, runOpsdesk} from '../support/cli.js';
import {tempFolder} from '../support/temp-db.js';
import {comparable, pause, TmuxDesk} from './desk-tmux.js';

/**
 * Issue 8's bursts, in a real terminal: every burst the issue lists is typed in one write
 * (`tmux send-keys -l`, as SSH, a fast typist or a paste deliver keys) in one desk, and key
 * by key, each after the desk settled, in another. At every step both desks must show the
 * same screen, and in the end hold the same data: a burst is the same keys typed one by one.
 * Type-ahead is part of it: the burst desk gets its first keys in the same write as the
 * command that starts it.
 */

type Step = {name: string; keys: string};

const bytes: Record<string, string> = {Escape: '\u001B', Tab: '\t', BSpace: '\u007F', Enter: '\r', 'C-s': '\u0013'};
/** `{Tab}` style names in a step's keys, as tmux names them. */
const keyPattern = /\{(Escape|Tab|BSpace|Enter|C-s)\}/g;

function steps(edit: string): Step[] {
	return [
		{name: 'Esc after a search keeps the customer selected', keys: '{Escape}'},
		{name: 'dy deletes, y answering the question', keys: 'dy'},
		{name: 'sss steps the status filter three times', keys: 'sss'},
		{name: 'ss back to all', keys: 'ss'},
		{name: '/wang searches (n is a letter there)', keys: '/wang'},
		{name: 'three Backspaces delete three letters', keys: '{BSpace}{BSpace}{BSpace}'},
		{name: '/quokka searches (q is a letter there)', keys: `{Escape}/quokka`},
		{name: 'Tab Tab moves two fields and typing goes there', keys: `{Escape}/${edit}{Enter}e{Tab}{Tab}zz`},
		{name: 'Esc y leaves the form without saving', keys: '{Escape}y'},
		{name: 'Enter in the address starts a line; Ctrl-S saves from it', keys: 'e{Tab}{Tab}{Tab}{Tab}{Enter}Suite 5{C-s}'},
	];
}

async function typeOneByOne(desk: TmuxDesk, keys: string): Promise<void> {
	for (const piece of keys.split(/(\{[A-Za-z-]+\})/).filter(Boolean)) {
		const named = /^\{(.+)\}$/.exec(piece);
		for (const key of named ? [named[1]!] : [...piece]) {
			if (named) desk.press(key);
			else desk.write(key);
			// Each key in a write of its own, as a person types: the desk reads them one by one.
			await pause(30);
		}
	}
}

const inOneWrite = (keys: string) => keys.replace(keyPattern, (_, name: string) => bytes[name]!);

type Stored = {id: number; name: string; address: string; notes: string; deleted: number; version: number};

/** The customers the keys changed (edited, deleted), as stored. */
function changedCustomers(file: string): Stored[] {
	const db = new Database(file, {readonly: true});
	try {
		return db.prepare('SELECT id, name, address, notes, deleted_at IS NOT NULL AS deleted, version FROM customers WHERE version > 1 OR deleted_at IS NOT NULL ORDER BY id').all() as Stored[];
	} finally {
		db.close();
	}
}

const desks: TmuxDesk[] = [];
afterAll(async () => {
	for (const desk of desks.splice(0)) desk.close();
	await bigDatabase?.catch(() => undefined);
	fs.rmSync(bigFolder, {recursive: true, force: true});
});

/** Runs the bursts in two desks on copies of one database, one typed key by key, one in bursts. */
/**
 * Both screens once settled. A count re-read after a change (a delete) keeps showing the old
 * number until it lands, which on 200,000 customers may come after the screen looked still:
 * the screens get a few seconds to agree before they are compared.
 */
async function settledPair(slow: TmuxDesk, fast: TmuxDesk): Promise<[string, string]> {
	const deadline = Date.now() + 5000;
	for (;;) {
		const [slowScreen, fastScreen] = await Promise.all([slow.stable(), fast.stable()]);
		if (comparable(slowScreen) === comparable(fastScreen) || Date.now() > deadline) return [slowScreen, fastScreen];
		await pause(100);
	}
}

async function burstsMatchOneByOne(files: {slow: string; fast: string}, search: string, edit: string): Promise<void> {
	const slow = new TmuxDesk('slow');
	const fast = new TmuxDesk('fast');
	desks.push(slow, fast);
	await Promise.all([slow.startShell(), fast.startShell()]);

	// Type-ahead: the search goes in with the command, before the desk has drawn anything.
	await fast.startDesk(files.fast, {typeAhead: `/${search}`});
	await slow.startDesk(files.slow);
	await typeOneByOne(slow, `/${search}`);
	let [slowScreen, fastScreen] = await settledPair(slow, fast);
	expect(comparable(fastScreen), 'type-ahead /search').toBe(comparable(slowScreen));
	expect(fastScreen).toMatch(new RegExp(`/ search\\s+${search}`));
	expect(fastScreen).not.toContain('Edit ');

	for (const step of steps(edit)) {
		fast.write(inOneWrite(step.keys));
		await typeOneByOne(slow, step.keys);
		[slowScreen, fastScreen] = await settledPair(slow, fast);
		expect(comparable(fastScreen), step.name).toBe(comparable(slowScreen));
		expect(fast.alternateScreen(), `${step.name}: the desk is still open`).toBe(true);
	}
	expect(fastScreen).toMatch(/Saved .* \(#\d+\)/);

	fast.write('q');
	slow.press('q');
	expect(await fast.shellBack()).toContain('ended-0');
	expect(await slow.shellBack()).toContain('ended-0');
	const changed = changedCustomers(files.fast);
	expect(changed).toEqual(changedCustomers(files.slow));
	// dy deleted the customer the search found; the address edit went to the one searched later
	// (a line added to an empty address is the whole address: addresses are trimmed).
	expect(changed.filter(customer => customer.deleted)).toHaveLength(1);
	expect(changed.filter(customer => customer.address.endsWith('Suite 5'))).toHaveLength(1);
}

// Made while the demo run types: two hundred thousand customers take seconds to generate.
// Its folder is this file's own (tempFolder's are removed after each test).
const bigFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-e2e-big-'));
let bigDatabase: Promise<string> | undefined;
function startBigDatabase(): Promise<string> {
	bigDatabase ??= (async () => {
		const file = path.join(bigFolder, 'big.db');
		await promisify(execFile)(process.execPath, [cliPath, 'seed', '--customers', '200000', '--db', file]);
		for (const name of ['Ahmed Quokka-Free', 'Zed Editable']) {
			const added = runOpsdesk(['customers', 'add', '--name', name, '--db', file]);
			expect(added.code, added.stderr).toBe(0);
		}
		return file;
	})();
	return bigDatabase;
}

describe.skipIf(!hasCommands('tmux'))('bursts in a real terminal', () => {
	it('types every burst of issue 8 in one write, type-ahead included, and gets the one-by-one result on the demo data', async () => {
		void startBigDatabase();
		const folder = tempFolder();
		const files = {slow: path.join(folder, 'slow.db'), fast: path.join(folder, 'fast.db')};
		// An empty database: the desk loads the demo data first, while the type-ahead waits.
		await burstsMatchOneByOne(files, 'ahmed', 'kowalska');
		const changed = changedCustomers(files.fast);
		expect(changed.find(customer => customer.deleted)?.name).toBe('Ahmed Al-Farsi');
		expect(changed.find(customer => customer.address.endsWith('\nSuite 5'))?.name).toBe('Ana Kowalska');
	});

	// Its time includes waiting for the seed of 200,000 customers that the test before began.
	it('does the same on a database of 200,000 customers', async () => {
		const big = await startBigDatabase();
		const folder = tempFolder();
		const files = {slow: path.join(folder, 'slow.db'), fast: path.join(folder, 'fast.db')};
		fs.copyFileSync(big, files.slow);
		fs.copyFileSync(big, files.fast);
		await burstsMatchOneByOne(files, 'ahmed', 'editable');
	}, 180_000);

	it('keeps the line breaks of a multi-line address and of a pasted note, as customers show --json gives them back', async () => {
		const file = path.join(tempFolder(), 'opsdesk.db');
		const added = runOpsdesk(['customers', 'add', '--name', 'Ana Lines', '--address', 'ul. Długa 5', '--json', '--db', file]);
		expect(added.code, added.stderr).toBe(0);
		const {id} = JSON.parse(added.stdout) as Stored;
		const desk = new TmuxDesk('lines');
		desks.push(desk);
		await desk.startShell();
		await desk.startDesk(file);
		// To the address (the fifth field), a new line, a second line; to the notes (the tenth), a paste.
		desk.write(inOneWrite('e{Tab}{Tab}{Tab}{Tab}{Enter}31-147 Kraków{Tab}{Tab}{Tab}{Tab}{Tab}'));
		await desk.waitFor('the notes field', screen => /Notes/.test(screen) && screen.includes('31-147 Kraków'));
		await pause(100);
		desk.paste('Call after 10:00\nNever on Fridays');
		await desk.waitForText('Never on Fridays');
		desk.press('C-s');
		await desk.waitForText('Saved Ana Lines');
		const shown = runOpsdesk(['customers', 'show', String(id), '--json', '--db', file]);
		expect(JSON.parse(shown.stdout)).toMatchObject({address: 'ul. Długa 5\n31-147 Kraków', notes: 'Call after 10:00\nNever on Fridays'});
		desk.write('q');
		expect(await desk.shellBack()).toContain('ended-0');
	});
});
