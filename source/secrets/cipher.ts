import {createCipheriv, createDecipheriv, randomBytes} from 'node:crypto';
import {UserError} from '../store/errors.js';
import type {SecretKey} from './key-file.js';

/**
 * A secret as stored: `v1:KEY_ID:NONCE:TAG:CIPHERTEXT` (base64 parts), AES-256-GCM with a fresh
 * 96-bit nonce per value. The secret's name is authenticated with it, so a value copied to
 * another name's row does not open.
 */
export function sealSecret(key: SecretKey, name: string, value: string): string {
	const nonce = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key.bytes, nonce);
	cipher.setAAD(Buffer.from(`opsdesk secret ${name}`));
	const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
	return ['v1', key.id, nonce.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
}

export function openSecret(key: SecretKey, name: string, sealed: string): string {
	const [version, keyId, nonce, tag, ciphertext] = sealed.split(':');
	if (version !== 'v1' || !keyId || nonce === undefined || tag === undefined || ciphertext === undefined) {
		throw new UserError(`secret ${name}: stored in a form this opsdesk cannot read; set it again (opsdesk secrets set ${name})`);
	}
	if (keyId !== key.id) {
		throw new UserError(`secret ${name}: was stored with key ${keyId}, but ${key.file} holds key ${key.id}; use the key file it was stored with (OPSDESK_SECRET_KEY_FILE), or set it again`);
	}
	try {
		const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(nonce, 'base64'));
		decipher.setAAD(Buffer.from(`opsdesk secret ${name}`));
		decipher.setAuthTag(Buffer.from(tag, 'base64'));
		return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
	} catch {
		throw new UserError(`secret ${name}: does not open with key ${key.id} (changed in the database?); set it again`);
	}
}
