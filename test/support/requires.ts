import {execFileSync} from 'node:child_process';

/** The Debian packages the end-to-end tests use; .ci/run installs them. */
export const aptLine = 'apt-get install tmux xvfb x11-utils xauth python3-tk zenity xdotool xclip sqlite3 fzf imagemagick';

function onPath(command: string): boolean {
	try {
		execFileSync('sh', ['-c', `command -v ${command}`], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

/**
 * Whether the commands a test needs are installed. Outside CI a missing one skips the test
 * with a message naming the apt-get line; under CI=true it is a failure, because CI must
 * always run these tests.
 */
export function hasCommands(...commands: string[]): boolean {
	const missing = commands.filter(command => !onPath(command));
	if (missing.length === 0) return true;
	const message = `missing ${missing.join(', ')}: install with \`${aptLine}\``;
	if (process.env.CI === 'true') throw new Error(`CI must run every test, but ${message}`);
	console.warn(`skipping: ${message}`);
	return false;
}
