import {EventEmitter} from 'node:events';
import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {describe, expect, it} from 'vitest';
import Database from 'better-sqlite3';
import {openOpsdesk} from '../../source/open-opsdesk.js';
import {createCustomer, deleteCustomer} from '../../source/customers/customers.js';
import {addInteraction} from '../../source/customers/interactions.js';
import {createOrder} from '../../source/orders/orders.js';
import {seededRandom} from '../../source/seed/seeded-random.js';
import {tempFolder, dbOf, storeOf} from '../support/temp-db.js';
import {bytesOf} from '../support/key-bytes.js';
import {FakeKeyboard} from '../support/fake-keyboard.js';

/**
 * Point 1 of issue 8 as a property: any sequence of keys (letters that are commands on
 * one screen and text in another, Tab, Backspace, Esc, Enter, arrows, Ctrl-S) leaves the
 * same screen and the same database whether it arrives one key per tick or in one write.
 *
 * Two desks run over two copies of one database: one gets each sequence a key per tick,
 * the other gets it in one write; after every sequence both must show the same
 * screen and hold the same data, and the next sequence goes on from there. A desk that
 * quits (q) is opened again, both on the data they reached.
 */

const sequences = Number(process.env.BURST_SEQUENCES ?? 500);
const seed = Number(process.env.BURST_SEED ?? 8);

// React's production build, as the desk ships (the development build is several times
// slower); and Ink as on a terminal, not as in CI, where it draws nothing until the end.
// Both are read when the modules load, so they are loaded here, after this is set, and
// this file has no JSX (its runtime import would load React first).
process.env.NODE_ENV = 'production';
const ciVariables = Object.keys(process.env).filter(name => name === 'CI' || name === 'CONTINUOUS_INTEGRATION' || name.startsWith('CI_'));
const load = async () => {
	const saved = Object.fromEntries(ciVariables.map(name => [name, process.env[name]]));
	for (const name of ciVariables) delete process.env[name];
	try {
		const require = createRequire(import.meta.url);
		// The map from a terminal to its Ink instance, to ask the instance for the frame it would draw now.
		const inkInstances = pathToFileURL(path.join(path.dirname(require.resolve('ink')), 'instances.js')).href;
		return await Promise.all([import('react'), import('ink'), import('../../source/app.js'), import('../../source/keys/registry.js'), import(inkInstances) as Promise<{default: WeakMap<object, {onRender: () => void; lastOutput: string}>}>]);
	} finally {
		Object.assign(process.env, saved);
	}
};
let modules: Awaited<ReturnType<typeof load>>;

// Letters that are keys somewhere (list, detail, forms, pickers, dialogs, tabs) and text elsewhere.
const printable = [...'jkgGsendyihrxlfR/?123cpam Zé王'];
const named = ['tab', 'backspace', 'esc', 'enter', 'up', 'down', 'left', 'right', 'ctrl+s', 'pgdn', 'pgup'];
// After Esc, a terminal cannot tell these from Alt chords or sequences (ESC b is Alt-B, ESC [ starts one): not typed there.
const ambiguousAfterEscape = new Set(['b', 'f', 'd', '[', 'O', 'backspace']);

function keySequence(random: () => number): string[] {
	const length = 3 + Math.floor(random() * 9);
	const keys: string[] = [];
	while (keys.length < length) {
		const key = random() < 0.02 ? 'q' : random() < 0.6 ? printable[Math.floor(random() * printable.length)]! : named[Math.floor(random() * named.length)]!;
		if (keys.at(-1) === 'esc' && ambiguousAfterEscape.has(key)) continue;
		keys.push(key);
	}
	return keys;
}

/** The starting database, as an image each desk opens in memory. */
async function startingImage(): Promise<Buffer> {
	const db = openOpsdesk(path.join(tempFolder(), 'start.db'));
	const anna = (await createCustomer(dbOf(db), {name: 'Anna Kowalski', email: 'anna@kowalski.example', address: 'ul. Długa 5\n31-147 Kraków', status: 'active'}));
	await createCustomer(dbOf(db), {name: 'Bruno Nowak', company: 'Nowak & Syn', phone: '+48 12 345'});
	await createCustomer(dbOf(db), {name: '王小明', company: '上海贸易', notes: 'prefers email\nno calls'});
	await createCustomer(dbOf(db), {name: 'Zoë Brandt', email: 'zoe@brandt.example', tags: ['vip']});
	await deleteCustomer(dbOf(db), (await createCustomer(dbOf(db), {name: 'Dora Deleted'})).id);
	await addInteraction(dbOf(db), anna.id, {kind: 'call', subject: 'First call', body: 'Long\nbody', at: '2026-01-02T09:00:00.000Z'});
	await createOrder(dbOf(db), {customer_id: anna.id, amount: 12_345, currency: 'EUR', placed_at: '2026-01-05', note: 'first order'});
	// An image opens in memory only without a write-ahead log.
	db.pragma('journal_mode = DELETE');
	const image = db.serialize();
	db.close();
	return image;
}

const stateQueries = new WeakMap<Database.Database, Database.Statement[]>();

/** Everything an operator could have changed, without the clock's times. */
function databaseState(db: Database.Database): unknown {
	let queries = stateQueries.get(db);
	if (!queries) {
		queries = [
			db.prepare('SELECT id, name, company, email, phone, address, city, country, status, tags, notes, deleted_at IS NOT NULL AS deleted, version FROM customers ORDER BY id'),
			db.prepare('SELECT id, customer_id, kind, direction, subject, body, actor FROM interactions ORDER BY id'),
			db.prepare(`SELECT customer_id, field, CASE WHEN field = 'deleted' THEN old_value IS NULL ELSE old_value END AS old_value,
				CASE WHEN field = 'deleted' THEN new_value IS NULL ELSE new_value END AS new_value, actor FROM customer_history ORDER BY id`),
		];
		stateQueries.set(db, queries);
	}
	const [customers, interactions, history] = queries.map(query => query.all());
	return {customers, interactions, history};
}

const tick = () => new Promise(resolve => setImmediate(resolve));
// Times are the clock's (a save's updated_at): compared without them.
const withoutTimes = (frame: string) => frame.replace(/\d{4}-\d\d-\d\d \d\d:\d\d/g, 'TIME');
const plain = (text: string) => text.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');

/** A terminal of 100×24 for a desk. */
class Terminal extends EventEmitter {
	isTTY = true;
	columns = 100;
	rows = 24;
	write = () => true;
}

type Desk = {db: Database.Database; stdin: FakeKeyboard; screen: () => string; idle: () => Promise<void>; exited: () => boolean; close: () => void};

async function openDesk(image: Buffer, databasePath: string): Promise<Desk> {
	const [{createElement}, {render}, {App}, {KeyRegistry}, {default: instances}] = modules;
	const db = new Database(image);
	db.pragma('foreign_keys = ON');
	const registry = new KeyRegistry();
	const stdout = new Terminal();
	const stdin = new FakeKeyboard();
	// The test asks Ink for the frame when it compares (screen below): Ink draws by itself at most once a second.
	const app = render(createElement(App, {store: storeOf(db), databasePath, color: false, deferMs: 0, registry}), {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stderr: stdout as unknown as NodeJS.WriteStream,
		exitOnCtrlC: false,
		patchConsole: false,
		maxFps: 1,
	});
	let exited = false;
	void app.waitUntilExit().then(() => {
		exited = true;
	});
	const ink = instances.get(stdout)!;
	let lastScreen = '';
	// Ink reads the terminal once the desk is up (a real terminal keeps earlier keys; this fake one would not).
	for (let wait = 0; stdin.listenerCount('readable') === 0; wait++) {
		if (wait > 10_000) throw new Error('the desk never read its input');
		await tick();
	}
	return {
		db,
		stdin,
		// The frame the desk would draw now, as Ink computes it for the terminal.
		screen() {
			if (!exited) {
				ink.onRender();
				lastScreen = ink.lastOutput;
			}
			return withoutTimes(plain(lastScreen));
		},
		async idle() {
			// A lone Esc is told from the start of a sequence a turn later; counts come in turns
			// after the last key (deferMs 0): settled is the keys done and no render for a few turns.
			await tick();
			for (let quiet = 0; quiet < 3;) {
				await registry.whenQuiet();
				const renders = registry.renders;
				await tick();
				quiet = registry.renders === renders ? quiet + 1 : 0;
			}
		},
		exited: () => exited,
		close() {
			app.unmount();
			db.close();
		},
	};
}

describe('keys in order, whatever their timing', () => {
	it(`leaves the same screen and database for ${sequences} random key sequences, one key per tick or all in one write`, async () => {
		modules = await load();
		// Where the database seems to be (the header shows it; Reports' x exports beside it).
		const databasePath = path.join(tempFolder(), 'opsdesk.db');
		const image = await startingImage();
		let slow = await openDesk(image, databasePath);
		let fast = await openDesk(image, databasePath);
		const random = seededRandom(seed);
		const history: string[][] = [];
		try {
			for (let index = 0; index < sequences; index++) {
				const keys = keySequence(random);
				history.push(keys);
				const where = {seed, sequence: index, keys};
				// One desk after the other: React's scheduler is shared, and a desk's keys wait on its renders.
				for (const key of keys) {
					slow.stdin.send(bytesOf(key));
					await tick();
				}
				await slow.idle();
				fast.stdin.send(keys.map(bytesOf).join(''));
				await fast.idle();
				expect({...where, screen: fast.screen()}).toEqual({...where, screen: slow.screen()});
				expect({...where, exited: fast.exited(), database: databaseState(fast.db)}).toEqual({...where, exited: slow.exited(), database: databaseState(slow.db)});
				if (slow.exited()) {
					// q quit both: open them again on the data they reached.
					const image = slow.db.serialize();
					slow.close();
					fast.close();
					slow = await openDesk(image, databasePath);
					fast = await openDesk(image, databasePath);
				}
			}
		} finally {
			slow.close();
			fast.close();
		}
		// The sequences went places: saves, deletes and logged interactions happened.
		expect(history.length).toBe(sequences);
	}, 300_000);
});
