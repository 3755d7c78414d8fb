import fs from 'node:fs';
import path from 'node:path';
import {writeFileAtomic} from '../store/atomic-write.js';

/** Screenshots live beside the database, under `screenshots/`, named after the job (or run) and the step. */
export function screenshotNamer(databasePath: string, prefix: string): (label: string) => string {
	const folder = path.join(path.dirname(databasePath), 'screenshots');
	return label => path.join(folder, `${prefix}-${label}-${new Date().toISOString().replace(/[:.]/g, '-')}.png`);
}

/**
 * A screenshot shows customer data like any export: the folder is private (0700, also when an
 * older opsdesk made it 0755) and the file 0600 from its first byte, written whole or not at all.
 */
export function saveScreenshot(file: string, png: Uint8Array): void {
	const folder = path.dirname(file);
	fs.mkdirSync(folder, {recursive: true, mode: 0o700});
	// Only opsdesk's own screenshots folder is tightened: a shared folder a file was pointed at
	// (the working folder, /tmp) must keep its mode.
	if (path.basename(folder) === 'screenshots' && (fs.statSync(folder).mode & 0o077) !== 0) fs.chmodSync(folder, 0o700);
	writeFileAtomic(file, png);
}
