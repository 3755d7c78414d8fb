import {UserError, ValidationError, NotFoundError} from '../store/errors.js';
import type {Db} from '../store/store.js';
import {openSecret, sealSecret} from './cipher.js';
import type {SecretKey} from './key-file.js';
import {hideSecretValue, shortestSecret} from './redact.js';

export type SecretInfo = {name: string; created_at: string; updated_at: string};

/** `{{secrets.NAME}}`: letters, digits, _ and -, starting with a letter. */
export const secretNamePattern = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** A stored value is a password, a token or a URL, not a document. */
const longestSecret = 64 * 1024;

export function checkSecretName(name: string): void {
	if (!secretNamePattern.test(name)) throw new ValidationError('name', `"${name}" is not a secret name: a letter, then letters, digits, _ or - (at most 64)`);
}

export function checkSecretValue(value: string): void {
	if (value.length === 0) throw new ValidationError('value', 'is empty: nothing was read from standard input');
	if (value.length < shortestSecret) throw new ValidationError('value', `is shorter than ${shortestSecret} characters; so short a value could not be hidden in logs and output`);
	if (Buffer.byteLength(value) > longestSecret) throw new ValidationError('value', `is longer than ${longestSecret / 1024} KB`);
}

/** Stores (or replaces) a secret, encrypted; resolves to whether it replaced one. */
export async function setSecret(db: Db, key: SecretKey, name: string, value: string, now = new Date().toISOString()): Promise<boolean> {
	checkSecretName(name);
	checkSecretValue(value);
	const sealed = sealSecret(key, name, value);
	return db.write(async tx => {
		const found = await tx.db.selectFrom('secrets').select('name').where('name', '=', name).executeTakeFirst();
		// An upsert: two `secrets set` at once on PostgreSQL leave one value, never an error.
		await tx.db.insertInto('secrets').values({name, sealed, created_at: now, updated_at: now})
			.onConflict(conflict => conflict.column('name').doUpdateSet({sealed, updated_at: now})).execute();
		return Boolean(found);
	});
}

export async function listSecrets(db: Db): Promise<SecretInfo[]> {
	return db.db.selectFrom('secrets').select(['name', 'created_at', 'updated_at']).orderBy('name').execute();
}

export async function deleteSecret(db: Db, name: string): Promise<void> {
	const removed = await db.write(tx => tx.db.deleteFrom('secrets').where('name', '=', name).executeTakeFirst());
	if (Number(removed.numDeletedRows) === 0) throw new NotFoundError(`no secret named ${name} (opsdesk secrets list shows them)`);
}

export async function secretExists(db: Db, name: string): Promise<boolean> {
	return Boolean(await db.db.selectFrom('secrets').select('name').where('name', '=', name).executeTakeFirst());
}

/**
 * Opens the named secrets for a run. Each value is remembered as hidden (source/secrets/redact.ts)
 * before it is returned, so nothing this process prints or records afterwards can show it.
 */
export async function openSecrets(db: Db, key: () => SecretKey, names: readonly string[]): Promise<Record<string, string>> {
	const wanted = [...new Set(names)];
	if (wanted.length === 0) return {};
	const rows = await db.db.selectFrom('secrets').select(['name', 'sealed']).where('name', 'in', wanted).execute();
	const missing = wanted.filter(name => !rows.some(row => row.name === name));
	if (missing.length > 0) throw new UserError(`secret ${missing.join(', ')} is not set (opsdesk secrets set ${missing[0]})`);
	const opened: Record<string, string> = {};
	const usedKey = key();
	for (const row of rows) {
		const value = openSecret(usedKey, row.name, row.sealed);
		hideSecretValue(value);
		opened[row.name] = value;
	}
	return opened;
}
