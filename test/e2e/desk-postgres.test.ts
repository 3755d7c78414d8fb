import {afterAll, describe, expect, it} from 'vitest';
import {hasCommands} from '../support/requires.js';
import {runOpsdesk} from '../support/cli.js';
import {engines, tempPostgresUrl} from '../support/engines.js';
import {TmuxDesk} from './desk-tmux.js';

const desks: TmuxDesk[] = [];
afterAll(() => {
	for (const desk of desks.splice(0)) desk.close();
});

/** The URL with a password in it: the test server trusts loopback, so it is never checked, only carried. */
function withPassword(url: string): string {
	const parsed = new URL(url);
	parsed.password = 'hunter2-secret';
	return parsed.toString();
}

describe.runIf(engines.includes('postgres') && hasCommands('tmux'))('the desk on PostgreSQL', () => {
	it('shows a change the CLI made on another connection within a second, and never shows the password', async () => {
		const url = withPassword(await tempPostgresUrl());
		expect(runOpsdesk(['customers', 'add', '--name', 'Ada Lovelace', '--db', url]).code).toBe(0);
		const desk = new TmuxDesk();
		desks.push(desk);
		await desk.startShell();
		await desk.startDesk(url);
		let screen = await desk.waitForText('Ada Lovelace');
		expect(screen).toContain('****');
		expect(screen).not.toContain('hunter2-secret');

		// Another process (another host, for all the desk knows) adds a customer and renames one.
		const added = runOpsdesk(['customers', 'add', '--name', 'Grace Hopper', '--db', url]);
		expect(added.code, added.stderr).toBe(0);
		screen = await desk.waitForText('Grace Hopper', 1000);
		expect(screen).toContain('Ada Lovelace');
		const renamed = runOpsdesk(['customers', 'edit', '1', '--name', 'Ada King', '--db', url]);
		expect(renamed.code, renamed.stderr).toBe(0);
		await desk.waitForText('Ada King', 1000);

		desk.write('q');
		const back = await desk.shellBack();
		expect(back).toContain('ended-0');
	});
});
