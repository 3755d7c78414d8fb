import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runOpsdesk} from '../support/cli.js';
import {hasCommands} from '../support/requires.js';
import {tempFolder} from '../support/temp-db.js';
import {opsdesk, startApp, xDisplay} from '../robot/support/x-session.js';

const canRun = hasCommands('Xvfb', 'xwininfo', 'tkinter', 'zenity');
const note = 'Ünïcode café, 中文 and "quotes" #1';

function customer(name: string, email: string): {db: string; id: number} {
	const db = path.join(tempFolder(), 'opsdesk.db');
	const added = runOpsdesk(['customers', 'add', '--name', name, '--email', email, '--db', db]);
	return {db, id: Number(added.stdout.trim())};
}

function timeline(db: string, id: number): Array<{subject: string; actor: string}> {
	return JSON.parse(runOpsdesk(['interactions', 'list', String(id), '--json', '--db', db]).stdout) as Array<{subject: string; actor: string}>;
}

describe.runIf(canRun)('robots typing into real X applications', () => {
	it('fill a python3-tk form with a name, an email with @, accents and CJK, exactly', async () => {
		const {display} = await xDisplay();
		const {db, id} = customer('Zoë Ångström-中文', 'zoe.o+test@example.com');
		const app = startApp('python3', ['test/apps/form.py', '--title', 'Opsdesk test form', '--fields', 'name,email,note'], display);
		await app.next('focus');
		const run = await opsdesk(['robot', 'run', 'test/robot/robots/fill-tk-form.yaml', '--customer', String(id), '--driver', 'nut', '--db', db], {DISPLAY: display}).done;
		expect(run.stderr).toContain('finished 8 steps');
		expect(run.code).toBe(0);
		const submitted = await app.next('submit');
		expect(submitted.fields).toEqual({name: 'Zoë Ångström-中文', email: 'zoe.o+test@example.com', note});
		expect(timeline(db, id)).toEqual([expect.objectContaining({subject: 'Entered Zoë Ångström-中文 in the test form', actor: 'fill-tk-form'})]);
	});

	it('fill a zenity --forms dialog, tabbing to its OK button', async () => {
		const {display} = await xDisplay();
		const {db, id} = customer('Łukasz 王小明', 'lukasz@example.com');
		const app = startApp('zenity', ['--forms', '--title', 'Opsdesk zenity form', '--text', 'Customer', '--add-entry', 'Name', '--add-entry', 'Email', '--add-entry', 'Note'], display);
		const run = await opsdesk(['robot', 'run', 'test/robot/robots/fill-zenity-form.yaml', '--customer', String(id), '--driver', 'nut', '--db', db], {DISPLAY: display}).done;
		expect(run.code).toBe(0);
		expect(await app.exited).toBe(0);
		expect(app.output()).toBe(`Łukasz 王小明|lukasz@example.com|${note}\n`);
	});
});
