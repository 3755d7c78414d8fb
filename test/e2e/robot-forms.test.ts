import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {opsdesk as inProcess} from '../support/cli.js';
import {hasCommands} from '../support/requires.js';
import {tempFolder} from '../support/temp-db.js';
import {mixedText} from '../robot/support/mixed-text.js';
import {opsdesk, sharedDesktops, startApp} from '../robot/support/x-session.js';

const canRun = hasCommands('Xvfb', 'xprop', 'openbox', 'tkinter', 'zenity');

async function customer(name: string, email: string): Promise<{db: string; id: number}> {
	const db = path.join(tempFolder(), 'opsdesk.db');
	const added = await inProcess(['customers', 'add', '--name', name, '--email', email, '--db', db]);
	return {db, id: Number(added.stdout.trim())};
}

function robot(name: string, steps: unknown[]): string {
	const file = path.join(tempFolder(), `${name}.json`);
	fs.writeFileSync(file, JSON.stringify({name, vars: {note: mixedText}, steps}));
	return file;
}

describe.runIf(canRun)('robots filling real X forms, on a bare display and under openbox', () => {
	const {desktops, ready} = sharedDesktops();

	for (const desktop of [0, 1]) {
		it(`fill a python3-tk form with accents, CJK and 2,000 mixed characters, exactly (${desktop === 0 ? 'bare' : 'openbox'})`, async () => {
			await ready;
			const {display} = desktops[desktop]!;
			const {db, id} = await customer('Zoë Ångström-中文', 'zoe.o+test@example.com');
			const title = `Opsdesk Tk form ${desktop}`;
			const app = startApp('python3', ['test/apps/form.py', '--title', title, '--fields', 'name,email,note'], display);
			const file = robot('fill-tk', [
				{waitForWindow: {title: 'Opsdesk Tk*', timeout: '20s'}},
				{type: '{{customer.name}}'}, {key: 'Tab'},
				{type: '{{customer.email}}'}, {key: 'Tab'},
				{type: '{{vars.note}}'}, {key: 'Enter'},
				{log: {subject: 'Entered {{customer.name}} in the Tk form'}},
			]);
			const run = await opsdesk(['robot', 'run', file, '--customer', String(id), '--db', db], {DISPLAY: display}).done;
			expect(run.stderr).toContain('finished 8 steps');
			expect(run.code).toBe(0);
			expect(run.stdout).toMatch(new RegExp(`step 1 waitForWindow: ok .*"${title}" \\(0x[0-9a-f]+, Tk\\)`));
			const submitted = await app.next('submit');
			expect(submitted.fields).toEqual({name: 'Zoë Ångström-中文', email: 'zoe.o+test@example.com', note: mixedText});
			const timeline = JSON.parse((await inProcess(['interactions', 'list', String(id), '--json', '--db', db])).stdout) as Array<{subject: string; actor: string}>;
			expect(timeline).toEqual([expect.objectContaining({subject: 'Entered Zoë Ångström-中文 in the Tk form', actor: 'fill-tk'})]);
		});

		it(`fill a zenity --forms dialog with the 2,000 mixed characters, tabbing to OK (${desktop === 0 ? 'bare' : 'openbox'})`, async () => {
			await ready;
			const {display} = desktops[desktop]!;
			const {db, id} = await customer('Łukasz 王小明', 'lukasz@example.com');
			const app = startApp('zenity', ['--forms', '--title', `Opsdesk zenity ${desktop}`, '--text', 'Customer', '--add-entry', 'Name', '--add-entry', 'Email', '--add-entry', 'Note'], display);
			const file = robot('fill-zenity', [
				{waitForWindow: {title: 'Opsdesk zenity*', timeout: '20s'}},
				// GTK moves focus into the first entry just after the window maps.
				{wait: '300ms'},
				{type: '{{customer.name}}'}, {key: 'Tab'},
				{type: '{{customer.email}}'}, {key: 'Tab'},
				{type: '{{vars.note}}'}, {key: 'Tab'}, {key: 'Tab'}, {key: 'Enter'},
			]);
			const run = await opsdesk(['robot', 'run', file, '--customer', String(id), '--db', db], {DISPLAY: display}).done;
			expect(run.code).toBe(0);
			expect(await app.exited).toBe(0);
			expect(app.output()).toBe(`Łukasz 王小明|lukasz@example.com|${mixedText}\n`);
		});
	}
});
