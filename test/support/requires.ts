import {execFileSync} from 'node:child_process';

/** Debian packages by what the tests need from them; .ci/run installs them all. */
const packageOf: Record<string, string> = {
	tmux: 'tmux', Xvfb: 'xvfb', xwininfo: 'x11-utils', xprop: 'x11-utils', xauth: 'xauth', tkinter: 'python3-tk',
	python3: 'python3-tk', zenity: 'zenity', xdotool: 'xdotool', xclip: 'xclip', sqlite3: 'sqlite3', fzf: 'fzf',
	import: 'imagemagick', convert: 'imagemagick', openbox: 'openbox', xterm: 'xterm', mousepad: 'mousepad',
	exim4: 'exim4-daemon-light', openssl: 'openssl', tesseract: 'tesseract-ocr', initdb: 'postgresql', pg_ctl: 'postgresql', pg_dump: 'postgresql-client', pg_restore: 'postgresql-client',
};

/** Whether CI is set: there a missing requirement fails instead of skipping. */
export function inCi(): boolean {
	const value = (process.env.CI ?? '').trim().toLowerCase();
	return value !== '' && value !== 'false' && value !== '0';
}

function present(requirement: string): boolean {
	try {
		// tkinter is a Python module, not a command: python3 alone is not enough for a Tk form.
		if (requirement === 'tkinter') execFileSync('python3', ['-c', 'import tkinter'], {stdio: 'ignore'});
		else if (requirement === 'initdb' || requirement === 'pg_ctl') execFileSync('sh', ['-c', `ls /usr/lib/postgresql/*/bin/${requirement}`], {stdio: 'ignore'});
		else execFileSync('sh', ['-c', `command -v ${requirement}`], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

/**
 * Whether the commands (or `tkinter`) a test needs are installed. Outside CI a missing one
 * skips the test with the apt-get line that installs it; with CI set it is a failure,
 * because CI must always run these tests.
 */
export function hasCommands(...requirements: string[]): boolean {
	const missing = requirements.filter(requirement => !present(requirement));
	if (missing.length === 0) return true;
	const packages = [...new Set(missing.map(requirement => packageOf[requirement] ?? requirement))];
	const message = `missing ${missing.join(', ')}: install with \`apt-get install ${packages.join(' ')}\``;
	if (inCi()) throw new Error(`CI must run every test, but ${message}`);
	console.warn(`skipping: ${message}`);
	return false;
}
