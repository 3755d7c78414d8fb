import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {forgetHiddenValues} from '../../source/secrets/redact.js';
import {opsdesk} from '../support/cli.js';
import {startMailServer, type TestMailServer} from '../support/mail-server.js';
import {tempFolder} from '../support/temp-db.js';

const servers: TestMailServer[] = [];
afterEach(async () => {
	for (const server of servers.splice(0)) await server.close();
	forgetHiddenValues();
});

/** The first day of the month before this one, and that month as YYYY-MM. */
function lastMonth(): {day: string; month: string} {
	const now = new Date();
	const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 3));
	return {day: first.toISOString().slice(0, 10), month: first.toISOString().slice(0, 7)};
}

describe('the report step', () => {
	it('writes last month\'s report (CSV and Markdown, as the Reports tab exports it) and an email step attaches both, on a worker with no display and no customer', async () => {
		const server = await startMailServer();
		servers.push(server);
		const folder = tempFolder();
		const db = path.join(folder, 'opsdesk.db');
		const exports = path.join(folder, 'out');
		const env = {DISPLAY: '', OPSDESK_SMTP_URL: `smtp://127.0.0.1:${server.port}?from=reports%40example.com`, OPSDESK_EXPORT_DIR: exports};
		const run = (args: string[]) => opsdesk([...args, '--db', db], {env});
		const {day, month} = lastMonth();
		const id = (await run(['customers', 'add', '--name', 'Müller GmbH'])).stdout.trim();
		expect((await run(['orders', 'add', '--customer', id, '--amount', '1234.50', '--currency', 'EUR', '--status', 'won', '--placed', day, '--closed', day])).code).toBe(0);
		const robot = path.join(folder, 'monthly.yaml');
		fs.writeFileSync(robot, [
			'name: monthly-report',
			'steps:',
			'  - report: { period: month, offset: -1, currency: EUR, as: monthly }',
			'  - email: { to: "team@example.com, boss@example.com", subject: "Umsatz {{vars.month}}", body: "Anbei der Bericht.", attach: [monthly] }',
			`vars: { month: "${month}" }`,
		].join('\n'));
		expect((await run(['robot', 'enqueue', robot])).code).toBe(0);
		await run(['worker', '--once']);
		const shown = JSON.parse((await run(['jobs', 'show', '1', '--json'])).stdout) as {status: string; logs: Array<{step: number | null; message: string}>};
		expect(shown.status, JSON.stringify(shown.logs)).toBe('succeeded');
		const files = [`report-${month}-EUR.csv`, `report-${month}-EUR.md`];
		expect(shown.logs.find(log => log.step === 1)?.message).toBe(`wrote the month report 1 back in EUR as monthly: ${files.map(file => path.join(exports, file)).join(', ')}`);
		expect(fs.readdirSync(exports).sort()).toEqual(files);
		const [mail] = server.received;
		expect(mail!.envelopeTo).toEqual(['team@example.com', 'boss@example.com']);
		expect(mail!.mail.subject).toBe(`Umsatz ${month}`);
		expect(mail!.mail.attachments.map(attachment => attachment.filename)).toEqual(files);
		const csv = mail!.mail.attachments[0]!.content.toString('utf8');
		expect(csv).toBe(fs.readFileSync(path.join(exports, files[0]!), 'utf8'));
		expect(csv).toContain('1234.50');
		expect(mail!.mail.attachments[1]!.content.toString('utf8')).toContain('Müller GmbH');
	});

	it('a report name an email attaches must come from an earlier step: the robot file is checked', async () => {
		const folder = tempFolder();
		const robot = path.join(folder, 'bad.yaml');
		fs.writeFileSync(robot, [
			'name: bad',
			'steps:',
			'  - report: { period: week, as: weekly }',
			'  - report: { period: month, as: monthly }',
			'  - email: { to: team@example.com, subject: Report, attach: [monthly, yearly] }',
		].join('\n'));
		const checked = await opsdesk(['robot', 'check', robot, '--db', path.join(folder, 'opsdesk.db')]);
		expect(checked.code).toBe(2);
		expect(checked.stderr).toContain('bad.yaml:3: step 1 (report): period: must be one of month, quarter, year');
		expect(checked.stderr).toContain('bad.yaml:5: step 3 (email): attach: no screenshot or report step before this one is named yearly (named so far: monthly)');
	});
});
