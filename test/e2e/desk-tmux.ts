import {execFileSync} from 'node:child_process';
import {cliPath} from '../support/cli.js';
import {tempFolder} from '../support/temp-db.js';

/**
 * The built desk in a real terminal: a tmux server of its own (a unique socket, killed by
 * `close`), one session per desk, a shell in each pane, keys sent as a user or a terminal
 * sends them: one at a time, or several in one write (`send-keys -l`).
 */
export class TmuxDesk {
	private static count = 0;
	readonly server = `opsdesk-e2e-${process.pid}-${TmuxDesk.count++}`;
	readonly stateFolder = tempFolder();

	constructor(readonly session = 'desk', readonly size = {columns: 100, rows: 30}) {}

	tmux(...args: string[]): string {
		return execFileSync('tmux', ['-L', this.server, ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
	}

	/** The pane as text; -J joins lines the terminal wrapped. */
	screen(): string {
		return this.tmux('capture-pane', '-p', '-J', '-t', this.session);
	}

	/** The pane with its colours and inverse video, as escape sequences. */
	styledScreen(): string {
		return this.tmux('capture-pane', '-p', '-e', '-t', this.session);
	}

	alternateScreen(): boolean {
		return this.tmux('display-message', '-p', '-t', this.session, '#{alternate_on}').trim() === '1';
	}

	async waitFor(what: string, holds: (screen: string) => boolean, timeoutMs = 20_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const screen = this.screen();
			if (holds(screen)) return screen;
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the pane shows:\n${screen}`);
			await pause(40);
		}
	}

	waitForText(text: string, timeoutMs?: number): Promise<string> {
		return this.waitFor(JSON.stringify(text), screen => screen.includes(text), timeoutMs);
	}

	/**
	 * Waits until the screen has not changed for `quietMs` and shows no count still being
	 * made (`… of …`: the desk counts a moment after the last key).
	 */
	async stable(quietMs = 200): Promise<string> {
		let last = this.screen();
		let since = Date.now();
		const deadline = Date.now() + 20_000;
		const counting = (screen: string) => /(?:matches|of) …/.test(screen.split('\n')[1] ?? '');
		while (Date.now() - since < quietMs || counting(last)) {
			if (Date.now() > deadline) throw new Error(`the screen never settled:\n${last}`);
			await pause(40);
			const now = this.screen();
			if (now !== last) {
				last = now;
				since = Date.now();
			}
		}
		return last;
	}

	/** Named keys (Enter, Tab, BSpace, C-s, Escape), each in a write of its own. */
	press(...keys: string[]): void {
		for (const key of keys) this.tmux('send-keys', '-t', this.session, key);
	}

	/** Text in one write, exactly as given (control characters included). */
	write(text: string): void {
		// No lone ";" at the end: tmux would read it as the end of its own command.
		this.tmux('send-keys', '-t', this.session, '-l', '--', text);
	}

	/** A bracketed paste of `text`, as a terminal sends one into an application that asked for them. */
	paste(text: string): void {
		this.tmux('set-buffer', '-b', 'e2e', '--', text);
		this.tmux('paste-buffer', '-p', '-d', '-b', 'e2e', '-t', this.session);
	}

	/** A shell in a fresh pane, with a plain terminal's environment (Ink draws only a last frame when it thinks it runs in CI). */
	async startShell(): Promise<void> {
		this.tmux('new-session', '-d', '-s', this.session, '-x', String(this.size.columns), '-y', String(this.size.rows),
			'env', '-u', 'CI', '-u', 'CONTINUOUS_INTEGRATION', 'NO_COLOR=1', 'PS1=$ ', `XDG_STATE_HOME=${this.stateFolder}`, 'sh');
		await this.waitForText('$');
	}

	/** The command line that opens the desk and then says how it ended. */
	deskCommand(file: string, flags: readonly string[] = []): string {
		return `${process.execPath} ${cliPath} --db ${file} ${flags.join(' ')} && echo ended-$? || echo ended-$?`;
	}

	/** Opens the desk from the shell and waits for its first frame (the footer's first key). */
	async startDesk(file: string, options: {typeAhead?: string; flags?: readonly string[]} = {}): Promise<void> {
		// Type-ahead: the keys go in the same write as the command, so they wait in the terminal while the desk starts.
		this.write(`${this.deskCommand(file, options.flags)}\r${options.typeAhead ?? ''}`);
		await this.waitFor('the desk', screen => this.alternateScreen() && /Enter open|\? help/.test(screen));
	}

	async shellBack(): Promise<string> {
		return this.waitFor('the shell to come back', screen => !this.alternateScreen() && /ended-\d+/.test(screen));
	}

	close(): void {
		try {
			this.tmux('kill-server');
		} catch {
			// Never started, or already gone.
		}
	}
}

export const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** The screen without what differs between two runs of the same keys: the clock, the database path. */
export function comparable(screen: string): string {
	return screen
		.replace(/\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?Z?)?/g, 'TIME')
		.replace(/\/tmp\/\S+/g, 'PATH')
		.replace(/…\/\S*opsdesk\.db/g, 'PATH')
		.split('\n')
		.map(line => line.trimEnd())
		.join('\n');
}
