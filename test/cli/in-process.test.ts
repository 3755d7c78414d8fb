import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {opsdesk} from '../support/cli.js';
import {tempFolder} from '../support/temp-db.js';

describe('opsdesk run in the test process', () => {
	it('adds and lists a customer with the output captured, and takes OPSDESK_DB from its own environment', async () => {
		const db = path.join(tempFolder(), 'in-process.db');
		const added = await opsdesk(['customers', 'add', '--name', 'Ada Lovelace', '--email', 'ada@example.com'], {env: {OPSDESK_DB: db}});
		expect(added).toMatchObject({code: 0, stdout: '1\n'});
		expect(added.stderr).toContain('added customer #1 Ada Lovelace');
		const listed = await opsdesk(['customers', 'list', '--json', '--db', db]);
		expect(JSON.parse(listed.stdout)).toMatchObject([{id: 1, name: 'Ada Lovelace'}]);
		expect(process.env.OPSDESK_DB).toBeUndefined();
	});
});
