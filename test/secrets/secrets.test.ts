import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {migrations} from '../../source/migrations.js';
import {readSecretKey} from '../../source/secrets/key-file.js';
import {forgetHiddenValues, redactSecrets} from '../../source/secrets/redact.js';
import {openSecrets} from '../../source/secrets/secrets.js';
import {openStore} from '../../source/store/store.js';
import {databaseTarget} from '../../source/store/target.js';
import {opsdesk} from '../support/cli.js';
import {engines, tempDatabaseTarget} from '../support/engines.js';
import {tempFolder} from '../support/temp-db.js';

const password = 'Pa55-wörd:with@chars';
const smtpUrl = `smtp://mailer:${encodeURIComponent(password)}@127.0.0.1:2525`;

afterEach(() => forgetHiddenValues());

describe.each(engines)('secrets on %s', engine => {
	async function setup() {
		const db = await tempDatabaseTarget(engine);
		const home = tempFolder();
		// PostgreSQL has no file to sit beside: the key goes to the data folder under XDG_DATA_HOME.
		const env = {XDG_DATA_HOME: home, OPSDESK_SECRET_KEY_FILE: undefined as string | undefined};
		const keyFile = engine === 'sqlite' ? path.join(path.dirname(db), 'secret.key') : path.join(home, 'opsdesk', 'secret.key');
		return {db, env, keyFile};
	}

	it('stores a value read from standard input, encrypted, and lists only names and dates', async () => {
		const {db, env, keyFile} = await setup();
		const stored = await opsdesk(['secrets', 'set', 'smtp', '--db', db], {env, input: `${smtpUrl}\n`});
		expect(stored.code).toBe(0);
		expect(stored.stderr).toMatch(/^stored secret smtp \(AES-256-GCM, key [0-9a-f]{12} in /);
		expect(stored.stdout + stored.stderr).not.toContain(password);
		expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);

		const listed = await opsdesk(['secrets', 'list', '--json', '--db', db], {env});
		const secrets = JSON.parse(listed.stdout) as Array<Record<string, string>>;
		expect(secrets.map(secret => Object.keys(secret).sort())).toEqual([['created_at', 'name', 'updated_at']]);
		expect(listed.stdout).not.toContain(password);
		expect((await opsdesk(['secrets', 'list', '--db', db], {env})).stdout).toMatch(/^NAME +SET +CHANGED\nsmtp /);

		const store = await openStore(databaseTarget(db), {migrations, changePollMs: 0});
		try {
			const rows = await store.db.selectFrom('secrets').selectAll().execute();
			expect(JSON.stringify(rows)).not.toContain('mailer');
			expect(await openSecrets(store, () => readSecretKey(keyFile)!, ['smtp'])).toEqual({smtp: smtpUrl});
			// Opened once, the value is hidden in everything this process shows, in every form it may take.
			expect(redactSecrets(`login ${smtpUrl} failed; "${JSON.stringify(smtpUrl)}"`)).toBe('login •••• failed; ""••••""');
		} finally {
			await store.close();
		}

		const replaced = await opsdesk(['secrets', 'set', 'smtp', '--db', db], {env, input: 'smtps://other:longer-pass@mail.example'});
		expect(replaced.stderr).toContain('replaced secret smtp');
		expect((await opsdesk(['secrets', 'delete', 'smtp', '--db', db], {env})).stderr).toContain('deleted secret smtp');
		const again = await opsdesk(['secrets', 'delete', 'smtp', '--db', db], {env});
		expect(again.code).toBe(1);
		expect(again.stderr).toContain('no secret named smtp');
		expect((await opsdesk(['secrets', 'list', '--db', db], {env})).stderr).toContain('no secrets stored');
	});

	it('never takes the value from the command line, and refuses empty, short and badly named ones', async () => {
		const {db, env} = await setup();
		const onLine = await opsdesk(['secrets', 'set', 'smtp', smtpUrl, '--db', db], {env});
		expect(onLine.code).toBe(1);
		expect(onLine.stderr).toContain('read from standard input, never from the command line');
		expect(onLine.stderr).not.toContain(password);
		expect((await opsdesk(['secrets', 'set', 'token', '--db', db], {env, input: ''})).stderr).toContain('value: is empty');
		expect((await opsdesk(['secrets', 'set', 'token', '--db', db], {env, input: 'abc\n'})).stderr).toContain('shorter than 4 characters');
		const badName = await opsdesk(['secrets', 'set', 'no.dots', '--db', db], {env, input: 'long enough'});
		expect(badName.code).toBe(2);
		expect(badName.stderr).toContain('is not a secret name');
		expect(JSON.parse((await opsdesk(['secrets', 'list', '--json', '--db', db], {env})).stdout)).toEqual([]);
	});

	it('opens nothing with another key, and says which key a secret needs', async () => {
		const {db, env} = await setup();
		await opsdesk(['secrets', 'set', 'token', '--db', db], {env, input: 'first-token-value'});
		const otherKey = path.join(tempFolder(), 'other.key');
		fs.writeFileSync(otherKey, Buffer.alloc(32, 7), {mode: 0o600});
		const store = await openStore(databaseTarget(db), {migrations, changePollMs: 0});
		try {
			await expect(openSecrets(store, () => readSecretKey(otherKey)!, ['token'])).rejects.toThrow(/was stored with key [0-9a-f]{12}, but .*other.key holds key [0-9a-f]{12}/);
			await expect(openSecrets(store, () => readSecretKey(otherKey)!, ['missing'])).rejects.toThrow('secret missing is not set (opsdesk secrets set missing)');
		} finally {
			await store.close();
		}
	});
});

describe('the key file', () => {
	it('is OPSDESK_SECRET_KEY_FILE when set, and one others may read is refused', async () => {
		const db = path.join(tempFolder(), 'opsdesk.db');
		const keyFile = path.join(tempFolder(), 'keys', 'opsdesk.key');
		const env = {OPSDESK_SECRET_KEY_FILE: keyFile};
		expect((await opsdesk(['secrets', 'set', 'token', '--db', db], {env, input: 'a token value'})).code).toBe(0);
		expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
		expect(fs.statSync(path.dirname(keyFile)).mode & 0o777).toBe(0o700);
		expect(fs.existsSync(path.join(path.dirname(db), 'secret.key'))).toBe(false);
		fs.chmodSync(keyFile, 0o644);
		const refused = await opsdesk(['secrets', 'set', 'token', '--db', db], {env, input: 'a token value'});
		expect(refused.code).toBe(1);
		expect(refused.stderr).toContain('permissions 0644 let other users read it; run `chmod 600');
	});

	it('takes a key an admin made with openssl rand -base64 32', async () => {
		const db = path.join(tempFolder(), 'opsdesk.db');
		const keyFile = path.join(tempFolder(), 'made.key');
		fs.writeFileSync(keyFile, `${Buffer.alloc(32, 1).toString('base64')}\n`, {mode: 0o600});
		expect((await opsdesk(['secrets', 'set', 'token', '--db', db], {env: {OPSDESK_SECRET_KEY_FILE: keyFile}, input: 'a token value'})).code).toBe(0);
		fs.writeFileSync(keyFile, 'too short', {mode: 0o600});
		expect((await opsdesk(['secrets', 'set', 'token', '--db', db], {env: {OPSDESK_SECRET_KEY_FILE: keyFile}, input: 'a token value'})).stderr).toContain('must hold 32 random bytes');
	});

	it('a backup holds the secrets encrypted: the value is in neither the database, its WAL nor the backup', async () => {
		const folder = tempFolder();
		const db = path.join(folder, 'opsdesk.db');
		await opsdesk(['secrets', 'set', 'smtp', '--db', db], {input: smtpUrl});
		const backup = path.join(folder, 'backup.db');
		expect((await opsdesk(['backup', backup, '--db', db])).code).toBe(0);
		for (const file of [db, `${db}-wal`, backup]) {
			if (!fs.existsSync(file)) continue;
			const bytes = fs.readFileSync(file);
			expect(bytes.includes(Buffer.from(password))).toBe(false);
			expect(bytes.includes(Buffer.from(encodeURIComponent(password)))).toBe(false);
			expect(bytes.includes(Buffer.from('mailer'))).toBe(false);
		}
		// The backup opens with the same key file.
		const store = await openStore(databaseTarget(backup), {migrations, changePollMs: 0});
		try {
			expect(await openSecrets(store, () => readSecretKey(path.join(folder, 'secret.key'))!, ['smtp'])).toEqual({smtp: smtpUrl});
		} finally {
			await store.close();
		}
	});
});
