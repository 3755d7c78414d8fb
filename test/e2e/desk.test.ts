import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {hasCommands} from '../support/requires.js';
import {cliPath, runOpsdesk} from '../support/cli.js';
import {tempFolder} from '../support/temp-db.js';

/**
 * The real binary in a real terminal: tmux at 100×30, a shell in the pane, keys sent as a
 * user types them. Checks what is on screen, what is in the database (through the CLI),
 * and that quitting gives the shell its screen back.
 */
const server = `opsdesk-e2e-${process.pid}`;
const session = 'desk';

function tmux(...args: string[]): string {
	return execFileSync('tmux', ['-L', server, ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
}

// -J joins lines the terminal wrapped, so a long message reads as one line.
const screen = () => tmux('capture-pane', '-p', '-J', '-t', session);
const alternateScreen = () => tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim() === '1';

async function waitFor(what: string, holds: () => boolean): Promise<void> {
	const deadline = Date.now() + 15_000;
	while (!holds()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the pane shows:\n${screen()}`);
		await new Promise(resolve => setTimeout(resolve, 50));
	}
}

const waitForText = (text: string) => waitFor(JSON.stringify(text), () => screen().includes(text));

/** Named keys (Enter, Tab, BSpace, C-s, Escape) one at a time, as tmux names them. */
async function press(...keys: string[]): Promise<void> {
	for (const key of keys) {
		tmux('send-keys', '-t', session, key);
		await new Promise(resolve => setTimeout(resolve, 30));
	}
}

async function type(text: string): Promise<void> {
	for (const character of text) {
		tmux('send-keys', '-t', session, '-l', character);
		await new Promise(resolve => setTimeout(resolve, 15));
	}
}

/** A shell in a fresh 100×30 pane, with a plain terminal's environment (Ink draws only a last frame when it thinks it runs in CI). */
async function startShell(): Promise<void> {
	try {
		tmux('kill-session', '-t', session);
	} catch {
		// No earlier session.
	}
	tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', 'env', '-u', 'CI', '-u', 'CONTINUOUS_INTEGRATION', 'NO_COLOR=1', 'PS1=$ ', `XDG_STATE_HOME=${tempFolder()}`, 'sh');
	await waitForText('$');
}

/** Starts the desk from the pane's shell, after a marker line that must be there again when it ends. */
async function startDesk(file: string): Promise<void> {
	await type('echo before-the-desk');
	await press('Enter');
	await waitForText('before-the-desk\n$');
	// No ";" in what is typed: tmux reads a lone ";" as the end of its own command.
	await type(`${process.execPath} ${cliPath} --db ${file} && echo ended-$? || echo ended-$?`);
	await press('Enter');
	await waitForText('Enter open');
	expect(alternateScreen()).toBe(true);
}

/** The shell's screen is back as it was: the marker, the command line, no trace of the desk. */
async function expectShellBack(): Promise<string> {
	await waitFor('the shell to come back', () => !alternateScreen() && /ended-\d+/.test(screen()));
	const text = screen();
	expect(text).toMatch(/before-the-desk\n\$ .*--db .*\n/);
	expect(text).not.toContain('1 Customers');
	return text;
}

type StoredCustomer = {id: number; name: string; email: string; version: number};

function showCustomer(file: string, id: number): StoredCustomer {
	const result = runOpsdesk(['customers', 'show', String(id), '--json', '--db', file]);
	expect(result.code, result.stderr).toBe(0);
	return JSON.parse(result.stdout) as StoredCustomer;
}

afterAll(() => {
	try {
		tmux('kill-server');
	} catch {
		// Never started (tmux missing) or already gone.
	}
});

describe.skipIf(!hasCommands('tmux'))('the desk in a real terminal', () => {
	it('searches, opens, edits with a validation error, saves, switches tabs and quits back to the shell', async () => {
		const file = path.join(tempFolder(), 'opsdesk.db');
		const seeded = runOpsdesk(['seed', '--demo', '--db', file]);
		expect(seeded.code, seeded.stderr).toBe(0);
		const found = runOpsdesk(['customers', 'list', '--search', 'Kowalska', '--json', '--db', file]);
		const [ana] = JSON.parse(found.stdout) as StoredCustomer[];
		expect(ana).toMatchObject({name: 'Ana Kowalska'});
		const before = showCustomer(file, ana!.id);

		await startShell();
		await startDesk(file);
		expect(screen().split('\n')[0]).toContain(path.basename(file));

		await press('/');
		await waitForText('Enter keep filter');
		await type('kowalska');
		await waitFor('the list to narrow to Ana', () => screen().includes('Ana Kowalska') && !screen().includes('Ahmed Al-Farsi'));
		await press('Enter');
		await waitForText('search: "kowalska"');
		await press('Enter');
		await waitForText(before.email);
		await waitForText('Interactions (');

		await press('e');
		await waitForText('Edit Ana Kowalska');
		await press('Tab', 'Tab');
		const emailLine = () => screen().split('\n').find(line => line.startsWith('Email')) ?? '';
		for (let index = 0; index < before.email.length; index++) await press('BSpace');
		await waitFor('the email field to be empty', () => !emailLine().includes('@'));
		await type('ana-at-kowalski');
		await waitFor('the typed email', () => emailLine().includes('ana-at-kowalski'));
		await press('C-s');
		await waitForText('is not a valid email address');
		expect(showCustomer(file, ana!.id)).toEqual(before);

		for (let index = 0; index < 'ana-at-kowalski'.length; index++) await press('BSpace');
		await waitFor('the email field to be empty', () => !emailLine().includes('ana-at'));
		await type('ana@kowalski.pl');
		await waitFor('the fixed email', () => emailLine().includes('ana@kowalski.pl'));
		await press('C-s');
		// Saved: the form closes and the customer shows the new address.
		await waitFor('the saved customer', () => !screen().includes('Edit Ana Kowalska') && screen().includes('ana@kowalski.pl'));

		await press('2');
		await waitFor('the Robots tab', () => !screen().includes('ana@kowalski.pl'));
		expect(tmux('capture-pane', '-p', '-e', '-t', session).split('\n')[0]).toMatch(/\u001B\[[\d;]*7m 2 Robots/);
		await press('3');
		await waitFor('the Reports tab', () => /\u001B\[[\d;]*7m 3 Reports/.test(tmux('capture-pane', '-p', '-e', '-t', session).split('\n')[0]!));
		await press('Tab');
		await waitForText('ana@kowalski.pl');
		// The header stays on the first row after all these frames (no frame scrolled the screen).
		expect(screen().split('\n')[0]).toMatch(/^opsdesk {2}1 Customers/);

		await press('q');
		expect(await expectShellBack()).toContain('ended-0');

		const after = showCustomer(file, ana!.id);
		expect(after).toMatchObject({email: 'ana@kowalski.pl', version: before.version + 1});
	});

	it('shows the demo data on first start, and gives the terminal back on SIGTERM', async () => {
		const file = path.join(tempFolder(), 'opsdesk.db');
		await startShell();
		await startDesk(file);
		await waitForText('Ahmed Al-Farsi');
		expect(screen()).not.toContain('No customers yet');
		const shell = tmux('display-message', '-p', '-t', session, '#{pane_pid}').trim();
		const desk = execFileSync('pgrep', ['-P', shell], {encoding: 'utf8'}).trim().split('\n')[0]!;
		process.kill(Number(desk), 'SIGTERM');
		expect(await expectShellBack()).toContain('ended-143');
	});

	it('gives the terminal back on an unexpected error, then prints it with the path of a log', async () => {
		const file = path.join(tempFolder(), 'opsdesk.db');
		await startShell();
		await startDesk(file);
		// Something breaks the database under the desk: its next reload fails with an error it cannot handle.
		const other = new Database(file);
		other.exec('ALTER TABLE customers RENAME TO customers_gone');
		other.close();
		const text = await expectShellBack();
		expect(text).toMatch(/opsdesk: internal error: .*no such table.* \(details in .*crash-.*\.log\)/);
		expect(text).toContain('ended-70');
	});
});

describe('the desk without a terminal', () => {
	it('says it needs one and exits 1, leaving no database behind', () => {
		const file = path.join(tempFolder(), 'opsdesk.db');
		const result = runOpsdesk(['--db', file]);
		expect(result.code).toBe(1);
		expect(result.stderr).toBe('opsdesk: the desk needs a terminal; for scripts use a command (opsdesk --help lists them)\n');
		expect(result.stdout).toBe('');
		expect(fs.existsSync(file)).toBe(false);
	});
});
