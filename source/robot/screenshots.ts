import path from 'node:path';

/** Screenshots live beside the database, under `screenshots/`, named after the job (or run) and the step. */
export function screenshotNamer(databasePath: string, prefix: string): (label: string) => string {
	const folder = path.join(path.dirname(databasePath), 'screenshots');
	return label => path.join(folder, `${prefix}-${label}-${new Date().toISOString().replace(/[:.]/g, '-')}.png`);
}
