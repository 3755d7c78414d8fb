import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createCustomer, updateCustomer} from '../../source/customers/customers.js';
import {listInteractions} from '../../source/customers/interactions.js';
import {runRobotNow} from '../../source/robot/direct-run.js';
import type {DesktopAction, DesktopDriver} from '../../source/robot/driver.js';
import {NoDesktopDriver} from '../../source/robot/drivers.js';
import {DryRunDriver} from '../../source/robot/dry-run-driver.js';
import {enqueueRobot} from '../../source/robot/enqueue.js';
import {LookFailed, type LookAnswer, type ScreenLook} from '../../source/robot/looks.js';
import {openJobQueue} from '../../source/robot/open-queue.js';
import {robotFromText} from '../../source/robot/robot-file.js';
import {loadRobotImages} from '../../source/robot/robot-images.js';
import type {StepRecord} from '../../source/robot/runner.js';
import {runWorker} from '../../source/robot/worker.js';
import {dbOf, tempDatabase, tempFolder} from '../support/temp-db.js';
import {engines, tempStore} from '../support/engines.js';
import {writeButton} from './support/pngs.js';

/**
 * A screen that shows what a test says: each image name maps to the answers of successive
 * looks (true: at 100,200 with score 0.97). Actions are recorded, as the dry-run driver does.
 */
class ScriptedScreen implements DesktopDriver {
	readonly name = 'nut' as const;
	readonly screen = {width: 1024, height: 768};
	readonly actions: DesktopAction[] = [];
	readonly looked: string[] = [];
	constructor(private readonly seen: Record<string, boolean[]>, private readonly text = 'A1B2C3D4') {}

	async perform(action: DesktopAction): Promise<string | undefined> {
		this.actions.push(action);
		return undefined;
	}

	async look(look: ScreenLook): Promise<LookAnswer> {
		if (look.look === 'text') return {look: 'text', text: this.text, confidence: 91, elapsedMs: 3};
		if (look.look === 'pixel') return {look: 'pixel', colour: '#00ff00', elapsedMs: 1};
		const name = look.search.image.name;
		this.looked.push(name);
		const there = this.seen[name]?.shift() ?? false;
		const best = {x: 100, y: 200, width: 40, height: 20, score: there ? 0.97 : 0.41, scale: 1};
		if ((look.until === 'seen' && !there) || (look.until === 'gone' && there)) {
			if (look.failureShot) {
				fs.mkdirSync(path.dirname(look.failureShot), {recursive: true});
				fs.writeFileSync(look.failureShot, 'png');
			}
			throw new LookFailed(`${name} is not on the screen (needs score ${look.search.confidence}; best score 0.410 at 100,200)`, look.failureShot);
		}
		return {look: 'image', seen: there, best, others: 0, elapsedMs: 5};
	}

	async screenshot(): Promise<boolean> {
		return false;
	}

	async close(): Promise<void> {}
}

function robotWithImages(text: string, images: string[]): {file: string; robot: ReturnType<typeof robotFromText>; images: ReturnType<typeof loadRobotImages>} {
	const folder = tempFolder();
	for (const image of images) writeButton(folder, image);
	const file = path.join(folder, 'robot.yaml');
	fs.writeFileSync(file, text);
	const robot = robotFromText(text, file);
	return {file, robot, images: loadRobotImages(robot, file)};
}

async function run(text: string, driver: DesktopDriver, images: string[] = ['ok.png', 'spinner.png', 'cancel.png']) {
	const store = await tempStore('sqlite');
	const {db, databasePath} = {db: store, databasePath: store.sqlite!.name};
	const loaded = robotWithImages(text, images);
	const records: StepRecord[] = [];
	const result = await runRobotNow({db, databasePath, robot: loaded.robot, driver, images: [...loaded.images.images.values()], onStep: record => records.push(record)});
	return {result, records, lines: records.map(record => `${record.number} ${record.name} ${record.level}: ${record.message}`)};
}

describe('robots that decide by what is on the screen', () => {
	it('click at the centre of an image plus its offset, and take then or else by what is there', async () => {
		const screen = new ScriptedScreen({'ok.png': [true, true, false]});
		const {result, lines} = await run([
			'name: decide',
			'steps:',
			'  - repeat:',
			'      times: 2',
			'      as: round',
			'      steps:',
			'        - if:',
			'            condition: {image: ok.png}',
			'            then: [{click: {image: ok.png, offset: {x: 5, y: -2}}}]',
			'            else: [{type: "no ok in round {{vars.round}}"}]',
		].join('\n'), screen);
		expect(result).toEqual({ok: true});
		expect(screen.actions).toEqual([
			{action: 'click', button: 'left', double: false, at: {x: 125, y: 208}},
			{action: 'type', text: 'no ok in round 2'},
		]);
		expect(lines).toEqual([
			'2 if info: pass 1: ok.png is on the screen, best at 100,200 40×20 (score 0.970): then (1 step)',
			'3 click info: pass 1: left click at 125,208 (ok.png found at 100,200 40×20 (score 0.970))',
			'2 if info: pass 2: ok.png is not on the screen, best at 100,200 40×20 (score 0.410): else (1 step)',
			'4 type info: pass 2: type "no ok in round 2"',
			'1 repeat info: 2 passes',
		]);
	});

	it('repeat while an image shows, and fail past max instead of looping for ever', async () => {
		const waiting = await run('name: w\nsteps:\n  - repeat: {while: {image: spinner.png}, max: 5, steps: [{wait: 1ms}]}\n', new ScriptedScreen({'spinner.png': [true, true, false]}));
		expect(waiting.result).toEqual({ok: true});
		expect(waiting.lines.at(-1)).toBe('1 repeat info: 2 passes: the while condition no longer holds');
		const stuck = await run('name: w\nsteps:\n  - repeat: {while: {image: spinner.png}, max: 3, steps: [{wait: 1ms}]}\n', new ScriptedScreen({'spinner.png': Array(10).fill(true)}));
		expect(stuck.result).toEqual({ok: false, step: 1, message: 'step 1 (repeat, line 3): the while condition still holds after 3 passes (max: 3)'});
	});

	it('catch a failed image step in try: the failure is logged as a warning with its outlined screenshot, and catch runs', async () => {
		const {result, records, lines} = await run([
			'name: careful',
			'steps:',
			'  - try:',
			'      - click: {image: ok.png}',
			'      - type: never',
			'    catch:',
			'      - click: {image: cancel.png}',
		].join('\n'), new ScriptedScreen({'ok.png': [false], 'cancel.png': [true]}));
		expect(result).toEqual({ok: true});
		expect(lines[0]).toBe('2 click warn: ok.png is not on the screen (needs score 0.9; best score 0.410 at 100,200) (the try at step 1 catches it)');
		expect(records[0]!.screenshot).toMatch(/step-2-failed.*\.png$/);
		expect(lines[1]).toBe('1 try warn: caught: step 2 (click, line 4): ok.png is not on the screen (needs score 0.9; best score 0.410 at 100,200); running catch (1 steps)');
		expect(lines[2]).toMatch(/^4 click info: left click at 120,210/);
	});

	it('read text and pixels into variables that assert and later steps use', async () => {
		const {result, lines} = await run([
			'name: reads',
			'steps:',
			'  - read: {within: {x: 0, y: 0, width: 200, height: 30}, as: code}',
			'  - assert: {value: "{{vars.code}}", matches: "^[A-Z0-9]{8}$"}',
			'  - pixel: {x: 3, y: 4, as: light}',
			'  - if: {condition: {value: "{{vars.light}}", equals: "#00ff00"}, then: [{type: "{{vars.code}} is green"}]}',
		].join('\n'), new ScriptedScreen({}));
		expect(result).toEqual({ok: true});
		expect(lines[0]).toBe('1 read info: read "A1B2C3D4" (confidence 91%) in 0,0 200×30 into vars.code');
		expect(lines[2]).toBe('3 pixel info: 3,4 is #00ff00 into vars.light');
		expect(lines.at(-1)).toBe('5 type info: type "A1B2C3D4 is green"');
	});

	it('in a dry run look at nothing: images are not looked for, an image condition is not seen, reads store a marker', async () => {
		const driver = new DryRunDriver();
		const {result, lines} = await run([
			'name: dry',
			'steps:',
			'  - click: {image: ok.png}',
			'  - if: {condition: {image: ok.png}, then: [{type: seen}], else: [{type: not seen}]}',
			'  - read: {within: {window: "Legacy*"}, as: code}',
			'  - type: "{{vars.code}}"',
		].join('\n'), driver);
		expect(result).toEqual({ok: true});
		expect(driver.actions).toEqual([
			{action: 'click', button: 'left', double: false, at: {image: 'ok.png'}},
			{action: 'type', text: 'not seen'},
			{action: 'type', text: '(dry run: not looked)'},
		]);
		expect(lines[0]).toBe('1 click info: would left click on ok.png');
		expect(lines[1]).toBe('2 if info: ok.png not looked for (a dry run sees no screen): else (1 step)');
		expect(driver.looks).toHaveLength(3);
		expect(JSON.stringify(driver.looks)).not.toContain('png":');
	});
});

describe.each(engines)('jobs of robots that see, on %s', engine => {
	it('apply a log inside a loop once per pass: a rerun after a failure skips the passes already done', async () => {
		const store = await tempStore(engine);
		const queue = openJobQueue(store, {backoffMs: 1});
		const customer = await createCustomer(store, {name: 'Loop Customer'});
		const file = path.join(tempFolder(), 'loop.yaml');
		fs.writeFileSync(file, [
			'name: loop',
			'steps:',
			'  - repeat:',
			'      times: 3',
			'      as: round',
			'      steps:',
			'        - log: {subject: "round {{vars.round}}"}',
			'  - assert: {value: "{{customer.status}}", equals: active}',
		].join('\n'));
		const [job] = await enqueueRobot(queue, store, {file, customerIds: [customer.id], maxAttempts: 1});
		const work = () => runWorker({queue, store, databasePath: store.target.shown, openDriver: async () => new NoDesktopDriver(), heartbeatMs: 1000, owner: 'test', once: true, signal: new AbortController().signal});
		try {
			await work();
			expect(await queue.get(job!.id)).toMatchObject({status: 'failed'});
			await updateCustomer(store, customer.id, {status: 'active'}, {actor: 'test'});
			await queue.retry(job!.id);
			await work();
		} finally {
			await queue.close();
		}
		expect(await queue.get(job!.id)).toMatchObject({status: 'succeeded', attempts: 2});
		expect((await listInteractions(store, customer.id)).map(entry => entry.subject).sort()).toEqual(['round 1', 'round 2', 'round 3']);
		const second = (await queue.logs(job!.id)).filter(log => log.attempt === 2 && log.step === 2).map(log => log.message);
		expect(second).toEqual([1, 2, 3].map(round => `pass ${round}: logged "round ${round}" on customer #${customer.id} (already done in attempt 1; not repeated)`));
	});
	it.runIf(engine === 'sqlite')('carry the images they were queued with: a worker elsewhere needs no robot folder, and a later edit changes nothing', async () => {
		const {db} = tempDatabase();
		const queue = openJobQueue(db);
		const {file} = robotWithImages('name: img\nsteps:\n  - click: {image: ok.png}\n  - waitUntilGone: {image: ok.png}\n', ['ok.png']);
		const original = fs.readFileSync(path.join(path.dirname(file), 'ok.png'));
		await enqueueRobot(queue, dbOf(db), {file, customerIds: []});
		await enqueueRobot(queue, dbOf(db), {file, customerIds: []});
		fs.rmSync(path.dirname(file), {recursive: true});
		const lease = await queue.lease('elsewhere');
		expect(lease!.images).toEqual([{name: 'ok.png', key: crypto.createHash('sha256').update(original).digest('hex'), png: new Uint8Array(original)}]);
		expect(db.prepare('SELECT count(*) AS n FROM robot_images').get()).toEqual({n: 1});
	});
});
