import {createHash, randomBytes} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {createFileOnce} from '../store/atomic-write.js';
import {UserError} from '../store/errors.js';
import {describeFileError} from '../store/file-errors.js';
import {defaultDatabasePath, type DatabaseTarget} from '../store/target.js';

/** The key that opens the stored secrets: 32 bytes, never in the database, never printed. */
export type SecretKey = {bytes: Buffer; id: string; file: string};

const keyFileName = 'secret.key';

/**
 * Where the key lives: `OPSDESK_SECRET_KEY_FILE`, else `secret.key` in the data folder (beside
 * the SQLite file; for PostgreSQL the local data folder, so each host of a team holds a copy).
 */
export function secretKeyFile(target: DatabaseTarget, env: NodeJS.ProcessEnv = process.env): string {
	const chosen = env.OPSDESK_SECRET_KEY_FILE;
	if (chosen) return path.resolve(chosen);
	const folder = target.engine === 'sqlite' ? path.dirname(target.file) : path.dirname(defaultDatabasePath(env));
	return path.join(folder, keyFileName);
}

/** Names a key without revealing it: secrets sealed with another key say which one they need. */
export function keyIdOf(bytes: Buffer): string {
	return createHash('sha256').update('opsdesk secret key\n').update(bytes).digest('hex').slice(0, 12);
}

/**
 * Reads the key file: 32 raw bytes, or their base64 (`openssl rand -base64 32 > key`). A file
 * others may read is refused, as ssh refuses an open private key: the key opens every secret.
 */
export function readSecretKey(file: string): SecretKey | undefined {
	let stat: fs.Stats;
	let content: Buffer;
	try {
		stat = fs.statSync(file);
		if (stat.isDirectory()) throw new UserError(`secret key ${file}: is a folder, not a key file`);
		content = fs.readFileSync(file);
	} catch (error) {
		if (error instanceof UserError) throw error;
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw new UserError(`secret key ${file}: cannot read it: ${describeFileError(error)}`);
	}
	if ((stat.mode & 0o077) !== 0) {
		throw new UserError(`secret key ${file}: permissions ${(stat.mode & 0o777).toString(8).padStart(4, '0')} let other users read it; run \`chmod 600 ${file}\``);
	}
	const bytes = content.length === 32 ? content : Buffer.from(content.toString('utf8').trim(), 'base64');
	if (bytes.length !== 32) throw new UserError(`secret key ${file}: must hold 32 random bytes, raw or in base64 (openssl rand -base64 32)`);
	return {bytes, id: keyIdOf(bytes), file};
}

/** The key, made (32 random bytes, 0600, in a 0700 folder) the first time a secret is stored. */
export function secretKeyForWriting(file: string): SecretKey {
	const found = readSecretKey(file);
	if (found) return found;
	try {
		fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
	} catch (error) {
		throw new UserError(`secret key ${file}: cannot make its folder: ${describeFileError(error)}`);
	}
	createFileOnce(file, `${randomBytes(32).toString('base64')}\n`);
	// Another process may have made it first: read what is there now.
	return readSecretKey(file)!;
}

/** The key for reading secrets; its absence is a clear message, never a new key that opens nothing. */
export function secretKeyForReading(file: string): SecretKey {
	const found = readSecretKey(file);
	if (!found) throw new UserError(`secret key ${file}: no such file; secrets are opened with the key made when the first one was stored (copy it here, or set OPSDESK_SECRET_KEY_FILE)`);
	return found;
}
