import {EventEmitter} from 'node:events';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import Database from 'better-sqlite3';
import {openOpsdesk} from '../../source/open-opsdesk.js';
import {createCustomer, deleteCustomer} from '../../source/customers/customers.js';
import {addInteraction} from '../../source/customers/interactions.js';
import {seededRandom} from '../../source/seed/seeded-random.js';
import {tempFolder} from '../support/temp-db.js';
import {bytesOf} from '../support/key-bytes.js';
import {FakeKeyboard} from '../support/fake-keyboard.js';

// React's production build, as the desk ships: five times faster than the development
// build, which makes 500 sequences fit the suite. Loaded below, after this is set (hence
// no JSX in this file: its runtime import would load React first).
process.env.NODE_ENV = 'production';
const load = () => Promise.all([import('react'), import('ink'), import('../../source/app.js'), import('../../source/keys/registry.js')]);
let modules: Awaited<ReturnType<typeof load>>;

/**
 * Point 1 of issue 8 as a property: any sequence of keys (letters that are commands on
 * one screen and text in another, Tab, Backspace, Esc, Enter, arrows, Ctrl-S) leaves the
 * same screen and the same database whether it arrives one key per tick or in one write.
 */

const sequences = Number(process.env.BURST_SEQUENCES ?? 500);

// Letters that are keys somewhere (list, detail, forms, pickers, dialogs, tabs) and text elsewhere.
const printable = [...'jkgGsendyihrxlf/?123qcpam Zé王'];
const named = ['tab', 'backspace', 'esc', 'enter', 'up', 'down', 'left', 'right', 'ctrl+s', 'pgdn'];
// After Esc, a terminal cannot tell these from Alt chords or sequences (ESC b is Alt-B, ESC [ starts one): not typed there.
const ambiguousAfterEscape = new Set(['b', 'f', 'd', '[', 'O', 'backspace']);

function keySequence(random: () => number): string[] {
	const length = 3 + Math.floor(random() * 12);
	const keys: string[] = [];
	while (keys.length < length) {
		const key = random() < 0.6 ? printable[Math.floor(random() * printable.length)]! : named[Math.floor(random() * named.length)]!;
		// q and Ctrl-C quit: rarely, so most sequences get somewhere.
		if (key === 'q' && random() < 0.8) continue;
		if (keys.at(-1) === 'esc' && ambiguousAfterEscape.has(key)) continue;
		keys.push(key);
	}
	return keys;
}

/** The starting database, as an image each run opens in memory (a file per run costs more than the run). */
function templateDatabase(): Buffer {
	const db = openOpsdesk(':memory:');
	const anna = createCustomer(db, {name: 'Anna Kowalski', email: 'anna@kowalski.example', address: 'ul. Długa 5\n31-147 Kraków', status: 'active'});
	createCustomer(db, {name: 'Bruno Nowak', company: 'Nowak & Syn', phone: '+48 12 345'});
	createCustomer(db, {name: '王小明', company: '上海贸易', notes: 'prefers email\nno calls'});
	createCustomer(db, {name: 'Zoë Brandt', email: 'zoe@brandt.example', tags: ['vip']});
	const gone = createCustomer(db, {name: 'Dora Deleted'});
	deleteCustomer(db, gone.id);
	addInteraction(db, anna.id, {kind: 'call', subject: 'First call', body: 'Long\nbody', at: '2026-01-02T09:00:00.000Z'});
	const image = db.serialize();
	db.close();
	return image;
}

/** Everything an operator could have changed, without the clock's times. */
function databaseState(db: Database.Database): unknown {
	return {
		customers: db.prepare('SELECT id, name, company, email, phone, address, city, country, status, tags, notes, deleted_at IS NOT NULL AS deleted, version FROM customers ORDER BY id').all(),
		interactions: db.prepare('SELECT id, customer_id, kind, direction, subject, body, actor FROM interactions ORDER BY id').all(),
		history: db.prepare(`SELECT customer_id, field, CASE WHEN field = 'deleted' THEN old_value IS NULL ELSE old_value END AS old_value,
			CASE WHEN field = 'deleted' THEN new_value IS NULL ELSE new_value END AS new_value, actor FROM customer_history ORDER BY id`).all(),
	};
}

const tick = () => new Promise(resolve => setImmediate(resolve));

/**
 * A terminal for the desk, as ink-testing-library's but drawn the way the real desk draws
 * (frames throttled, not one per render: drawing every render would make 1000 runs take
 * minutes). Ink draws the last frame whole when the desk is unmounted.
 */
class Terminal extends EventEmitter {
	isTTY = true;
	columns = 100;
	rows = 24;
	last = '';
	write = (text: string) => {
		this.last = text;
		return true;
	};
}

// Times are the clock's (a save's updated_at): compared without them.
const withoutTimes = (frame: string) => frame.replace(/\d{4}-\d\d-\d\d \d\d:\d\d/g, 'TIME').replace(/\/tmp\/\S+/g, 'PATH');
const plain = (text: string) => text.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');

async function run(template: Buffer, keys: readonly string[], how: 'one per tick' | 'one write', folder: string): Promise<{screen: string; database: unknown}> {
	const file = path.join(folder, 'opsdesk.db');
	const db = new Database(template);
	db.pragma('foreign_keys = ON');
	const [{createElement}, {render}, {App}, {KeyRegistry}] = modules;
	const registry = new KeyRegistry();
	const stdout = new Terminal();
	const stdin = new FakeKeyboard();
	const app = render(createElement(App, {db, databasePath: file, pollMs: 0, color: false, deferMs: 0, registry}), {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stderr: stdout as unknown as NodeJS.WriteStream,
		exitOnCtrlC: false,
		patchConsole: false,
		maxFps: 20,
	});
	let database: unknown;
	try {
		// Ink reads the terminal once the desk is up (a real terminal keeps earlier keys; this fake one would not).
		for (let wait = 0; stdin.listenerCount('readable') === 0; wait++) {
			if (wait > 10_000) throw new Error('the desk never read its input');
			await tick();
		}
		if (how === 'one write') {
			stdin.send(keys.map(bytesOf).join(''));
		} else {
			for (const key of keys) {
				stdin.send(bytesOf(key));
				await tick();
			}
		}
		// A lone Esc at the end is told from the start of a sequence a turn later.
		await tick();
		await registry.whenIdle();
		// Counts come a moment after the last key.
		await new Promise(resolve => setTimeout(resolve, 2));
		await registry.whenIdle();
		database = databaseState(db);
	} finally {
		app.unmount();
		db.close();
	}
	return {screen: withoutTimes(plain(stdout.last)), database};
}

describe('keys in order, whatever their timing', () => {
	it(`leaves the same screen and database for ${sequences} random key sequences, one key per tick or all in one write`, async () => {
		modules = await load();
		const template = templateDatabase();
		// Where a run's database seems to be (the header shows it; Reports' x exports beside it).
		const folder = tempFolder();
		const random = seededRandom(Number(process.env.BURST_SEED ?? 8));
		for (let index = 0; index < sequences; index++) {
			const keys = keySequence(random);
			const slow = await run(template, keys, 'one per tick', folder);
			const burst = await run(template, keys, 'one write', folder);
			expect({keys, screen: burst.screen}).toEqual({keys, screen: slow.screen});
			expect({keys, database: burst.database}).toEqual({keys, database: slow.database});
		}
	}, 300_000);
});
