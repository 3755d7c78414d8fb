import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterAll, describe, expect, it} from 'vitest';
import {hasCommands} from '../support/requires.js';
import {cliPath, runOpsdesk} from '../support/cli.js';
import {tempFolder} from '../support/temp-db.js';
import {pause, TmuxDesk} from './desk-tmux.js';

/**
 * The real binary in a real terminal: tmux at 100×30, a shell in the pane, keys sent as a
 * user types them. Checks what is on screen, what is in the database (through the CLI),
 * that quitting gives the shell its screen back, and how the desk ends: README's exit
 * codes for q (0), SIGINT (130), SIGTERM (143), a closed terminal (129), a bug (70).
 */

type StoredCustomer = {id: number; name: string; email: string; version: number};

function showCustomer(file: string, id: number): StoredCustomer {
	const result = runOpsdesk(['customers', 'show', String(id), '--json', '--db', file]);
	expect(result.code, result.stderr).toBe(0);
	return JSON.parse(result.stdout) as StoredCustomer;
}

const desks: TmuxDesk[] = [];
afterAll(() => {
	for (const desk of desks.splice(0)) desk.close();
});

async function shellWithDesk(file: string, options: {flags?: string[]; typeAhead?: string} = {}): Promise<TmuxDesk> {
	const desk = new TmuxDesk();
	desks.push(desk);
	await desk.startShell();
	desk.write('echo before-the-desk\r');
	await desk.waitForText('before-the-desk\n$');
	await desk.startDesk(file, options);
	return desk;
}

/** The shell's screen is back as it was: the marker, the command line, no trace of the desk. */
async function expectShellBack(desk: TmuxDesk): Promise<string> {
	const text = await desk.shellBack();
	expect(text).toMatch(/before-the-desk\n\$ .*--db .*\n/);
	expect(text).not.toContain('1 Customers');
	return text;
}

function deskPid(desk: TmuxDesk): number {
	const shell = desk.tmux('display-message', '-p', '-t', desk.session, '#{pane_pid}').trim();
	return Number(execFileSync('pgrep', ['-P', shell], {encoding: 'utf8'}).trim().split('\n')[0]);
}

const crashLogs = (desk: TmuxDesk) => {
	const folder = path.join(desk.stateFolder, 'opsdesk');
	return fs.existsSync(folder) ? fs.readdirSync(folder).filter(name => name.startsWith('crash-')) : [];
};

describe.skipIf(!hasCommands('tmux'))('the desk in a real terminal', () => {
	it('searches, opens, edits with a validation error, saves, switches tabs and quits back to the shell', async () => {
		const file = path.join(tempFolder(), 'opsdesk.db');
		const seeded = runOpsdesk(['seed', '--demo', '--db', file]);
		expect(seeded.code, seeded.stderr).toBe(0);
		const [ana] = JSON.parse(runOpsdesk(['customers', 'list', '--search', 'Kowalska', '--json', '--db', file]).stdout) as StoredCustomer[];
		expect(ana).toMatchObject({name: 'Ana Kowalska'});
		const before = showCustomer(file, ana!.id);

		const desk = await shellWithDesk(file);
		expect(desk.screen().split('\n')[0]).toContain(path.basename(file));
		desk.write('/kowalska');
		await desk.waitFor('the list to narrow to Ana', screen => screen.includes('Ana Kowalska') && !screen.includes('Ahmed Al-Farsi'));
		desk.write('\r');
		await desk.waitForText('search: "kowalska"');
		desk.write('\r');
		await desk.waitForText(before.email);
		await desk.waitForText('Interactions ');

		// Edit: to the email (third field), clear it (Ctrl-U), type a bad address, save.
		desk.write('e\t\t\u0015ana-at-kowalski\u0013');
		await desk.waitForText('is not a valid email address');
		expect(showCustomer(file, ana!.id)).toEqual(before);
		const emailLine = () => desk.screen().split('\n').find(line => line.startsWith('Email')) ?? '';
		expect(emailLine()).toContain('ana-at-kowalski');
		desk.write('\u0015ana@kowalski.pl\u0013');
		await desk.waitFor('the saved customer', screen => !screen.includes('Edit Ana Kowalska') && screen.includes('ana@kowalski.pl'));

		desk.write('2');
		await desk.waitFor('the Robots tab', screen => !screen.includes('ana@kowalski.pl'));
		expect(desk.styledScreen().split('\n')[0]).toMatch(/\u001B\[[\d;]*7m 2 Robots/);
		desk.write('3');
		await desk.waitFor('the Reports tab', () => /\u001B\[[\d;]*7m 3 Reports/.test(desk.styledScreen().split('\n')[0]!));
		desk.press('Tab');
		await desk.waitForText('ana@kowalski.pl');
		// The header stays on the first row after all these frames (no frame scrolled the screen).
		expect(desk.screen().split('\n')[0]).toMatch(/^opsdesk {2}1 Customers/);

		desk.write('q');
		expect(await expectShellBack(desk)).toContain('ended-0');
		expect(showCustomer(file, ana!.id)).toMatchObject({email: 'ana@kowalski.pl', version: before.version + 1});
	});

	it('shows the demo data on first start, and gives the terminal back on SIGTERM (143) and SIGINT (130)', async () => {
		const file = path.join(tempFolder(), 'opsdesk.db');
		const desk = await shellWithDesk(file);
		await desk.waitForText('Ahmed Al-Farsi');
		expect(desk.screen()).not.toContain('No customers yet');
		process.kill(deskPid(desk), 'SIGTERM');
		expect(await expectShellBack(desk)).toContain('ended-143');

		desk.write('clear\r');
		await desk.waitFor('a clear screen', screen => !screen.includes('ended-143'));
		desk.write('echo before-the-desk\r');
		await desk.waitForText('before-the-desk\n$');
		await desk.startDesk(file);
		process.kill(deskPid(desk), 'SIGINT');
		expect(await expectShellBack(desk)).toContain('ended-130');
		expect(crashLogs(desk)).toEqual([]);
	});

	it('gives the terminal back on an unexpected error, then prints it with the path of a log (70)', async () => {
		const file = path.join(tempFolder(), 'opsdesk.db');
		const desk = await shellWithDesk(file);
		// Something breaks the database under the desk: its next reload fails with an error it cannot handle.
		const other = new Database(file);
		other.exec('ALTER TABLE customers RENAME TO customers_gone');
		other.close();
		const text = await expectShellBack(desk);
		expect(text).toMatch(/opsdesk: internal error: .*no such table.* \(details in .*crash-.*\.log\)/);
		expect(text).toContain('ended-70');
		expect(crashLogs(desk)).toHaveLength(1);
	});

	it('ends quietly with 129 when its terminal closes (an SSH drop, tmux kill-session): no crash log', async () => {
		const file = path.join(tempFolder(), 'opsdesk.db');
		const desk = new TmuxDesk('closing');
		desks.push(desk);
		const code = path.join(tempFolder(), 'code');
		// The shell ignores the hangup so it lives to write down how the desk ended.
		desk.tmux('new-session', '-d', '-s', desk.session, '-x', '100', '-y', '30', 'env', '-u', 'CI', `XDG_STATE_HOME=${desk.stateFolder}`,
			'sh', '-c', `trap "" HUP; ${process.execPath} ${cliPath} --db ${file} 2>/dev/null; echo $? > ${code}`);
		await desk.waitFor('the desk', screen => /\? help/.test(screen));
		desk.tmux('kill-session', '-t', desk.session);
		for (let wait = 0; !fs.existsSync(code) || fs.readFileSync(code, 'utf8') === ''; wait++) {
			if (wait > 200) throw new Error('the desk did not end after its terminal closed');
			await pause(50);
		}
		expect(fs.readFileSync(code, 'utf8').trim()).toBe('129');
		expect(crashLogs(desk)).toEqual([]);
	});

	it('draws without colour under NO_COLOR, with colour otherwise, the selection in inverse video either way', async () => {
		const file = path.join(tempFolder(), 'opsdesk.db');
		const coloured = new TmuxDesk('coloured');
		desks.push(coloured);
		coloured.tmux('new-session', '-d', '-s', coloured.session, '-x', '100', '-y', '30', 'env', '-u', 'CI', '-u', 'NO_COLOR', 'TERM=xterm-256color', 'FORCE_COLOR=1',
			`XDG_STATE_HOME=${coloured.stateFolder}`, process.execPath, cliPath, '--db', file);
		await coloured.waitFor('the desk', screen => /\? help/.test(screen));
		// The app name in cyan (SGR 36).
		expect(coloured.styledScreen().split('\n')[0]).toMatch(/\u001B\[[\d;]*36m/);
		coloured.write('q');

		const plain = await shellWithDesk(file);
		// The footer comes with the first frame; the list's rows once their page is read.
		await plain.waitFor('the selected customer', screen => screen.includes('›'));
		const styled = plain.styledScreen();
		expect(styled).not.toMatch(/\u001B\[[\d;]*3[0-7]m/);
		// The selected customer: inverse video (SGR 7) and the › marker.
		expect(styled.split('\n').find(line => line.includes('›'))).toMatch(/\u001B\[[\d;]*7m/);
		plain.write('q');
		await plain.shellBack();
	});
});

/** Frames Ink wrote (each is wrapped in a synchronized update) while `keys` are pressed in a pseudo-terminal, one every `gapMs`, and the seconds that took. */
async function framesWhilePressing(file: string, fps: number, keys: string[], gapMs: number): Promise<{frames: number; seconds: number}> {
	const {CI: _ci, CONTINUOUS_INTEGRATION: _continuous, ...env} = process.env;
	const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec ${process.execPath} ${cliPath} --db ${file} --fps ${fps}`, '/dev/null'], {env: {...env, XDG_STATE_HOME: tempFolder()}});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => {
		output += chunk.toString('utf8');
	});
	const exited = new Promise(resolve => child.on('close', resolve));
	try {
		for (let wait = 0; !output.includes('help'); wait++) {
			if (wait > 400) throw new Error(`the desk never drew: ${JSON.stringify(output.slice(-300))}`);
			await pause(25);
		}
		const start = output.length;
		const started = performance.now();
		for (const key of keys) {
			child.stdin.write(key);
			await pause(gapMs);
		}
		await pause(600);
		const frames = output.slice(start).split('\u001B[?2026h').length - 1;
		const seconds = (performance.now() - started) / 1000;
		child.stdin.write('q');
		await exited;
		return {frames, seconds};
	} finally {
		child.kill('SIGKILL');
	}
}

describe.skipIf(!hasCommands('script'))('--fps', () => {
	it('caps how often the desk redraws, however fast the keys come', async () => {
		const file = path.join(tempFolder(), 'opsdesk.db');
		runOpsdesk(['seed', '--demo', '--db', file]);
		// Sixteen moves in about two seconds: every one changes the screen. The gap leaves a busy
		// machine (CI, two cores) time to draw each move when nothing caps it.
		const keys = Array.from({length: 16}, (_, index) => (index % 8 < 4 ? 'j' : 'k'));
		const [slow, fast] = await Promise.all([framesWhilePressing(file, 2, keys, 150), framesWhilePressing(file, 60, keys, 150)]);
		// At most 2 a second over the time it took, and one at the end of the throttle.
		expect(slow.frames).toBeLessThanOrEqual(Math.ceil(slow.seconds * 2) + 1);
		// Uncapped, the moves get frames of their own: far more than the cap allows.
		expect(fast.frames).toBeGreaterThan(Math.ceil(fast.seconds * 2) + 4);
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
