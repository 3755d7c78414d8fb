import type {Store} from './store/store.js';
import {defaultDatabasePath, type DatabaseTarget} from './store/target.js';
import {reportCrash} from './crash-log.js';
import {UserError, exitCodes} from './store/errors.js';
import {enterAlternateScreen, holdConsoleOutput, isClosedTerminal} from './desk-terminal.js';

export const defaultFps = 15;

/** How the desk ends: q and Ctrl-C 0; a signal 128 + its number (SIGHUP, a closed terminal, 129); a bug 70. */
export const deskExitCodes = {ok: exitCodes.ok, closedTerminal: 129, interrupted: 130, terminated: 143, crashed: 70} as const;

const signalCodes: Partial<Record<NodeJS.Signals, number>> = {SIGTERM: deskExitCodes.terminated, SIGHUP: deskExitCodes.closedTerminal, SIGINT: deskExitCodes.interrupted};

/**
 * Opens the full-screen desk and resolves to the exit code once it is closed. Whatever
 * ends it (q, Ctrl-C, a signal, a bug), the terminal is given back as it was; a bug is
 * then printed in one line with the path of a log holding the details. A terminal that
 * went away (an SSH drop, a closed window) is a normal end: nothing is written to it.
 */
export type DeskOptions = {target: DatabaseTarget; fps?: number};

export async function startDesk(options: DeskOptions): Promise<number> {
	const {stdout, stdin} = process;
	if (!stdout.isTTY || !stdin.isTTY) {
		process.stderr.write('opsdesk: the desk needs a terminal; for scripts use a command (opsdesk --help lists them)\n');
		return exitCodes.usage;
	}
	// Raw mode at once, before the slow part of starting: keys typed meanwhile wait, unechoed
	// and unaltered, in the terminal until the desk reads them (type-ahead is kept).
	stdin.setRawMode(true);
	let store: Store | undefined;
	let loaded: [typeof import('ink'), typeof import('./app.js')];
	try {
		const opening = (async () => {
			const {openOpsdeskStore} = await import('./open-opsdesk.js');
			store = await openOpsdeskStore(options.target);
			const {seedWhenEmpty} = await import('./desk-seed.js');
			await seedWhenEmpty(store);
		})();
		[loaded] = await Promise.all([withoutFetch(() => Promise.all([import('ink'), import('./app.js')])), opening]);
	} catch (error) {
		stdin.setRawMode(false);
		const known = error instanceof UserError ? error : store?.trouble(error);
		await store?.close().catch(() => {});
		if (known) {
			process.stderr.write(`opsdesk: ${known.message}\n`);
			return known.exitCode;
		}
		process.stderr.write(`opsdesk: internal error: ${(error as Error).message} (details in ${reportCrash(error)})\n`);
		return deskExitCodes.crashed;
	}
	return runDesk(loaded, store!, options);
}

/**
 * Runs `load` with no global `fetch`. Ink's layout engine (yoga) is WebAssembly shipped as
 * a data URL, and it reads that URL with `fetch` when there is one: Node's fetch is loaded
 * on first use and costs the desk's first frame some 50 ms. Without it, yoga decodes the
 * URL itself.
 */
async function withoutFetch<Result>(load: () => Promise<Result>): Promise<Result> {
	const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	if (!descriptor?.configurable) return load();
	Object.defineProperty(globalThis, 'fetch', {value: undefined, configurable: true, writable: true});
	try {
		return await load();
	} finally {
		Object.defineProperty(globalThis, 'fetch', descriptor);
	}
}

function runDesk([{render}, {App}]: [typeof import('ink'), typeof import('./app.js')], store: Store, options: DeskOptions): Promise<number> {
	const {stdout, stdin} = process;
	const leaveScreen = enterAlternateScreen(stdout);
	const output = holdConsoleOutput();
	let finished = false;
	let resolveExit: (code: number) => void = () => {};
	const exited = new Promise<number>(resolve => {
		resolveExit = resolve;
	});

	const finish = (code: number, how: {error?: unknown; terminalGone?: boolean} = {}) => {
		if (finished) return;
		finished = true;
		// Not at once: Ink's exit hook (signal-exit) looks at the listeners right after ours and
		// would send the signal again, killing the process, if it found ours gone.
		setImmediate(() => {
			for (const signal of Object.keys(signalCodes)) process.off(signal, onSignal);
		});
		process.off('uncaughtException', onCrash);
		process.off('unhandledRejection', onCrash);
		stdout.off('error', onStreamError);
		stdin.off('error', onStreamError);
		stdin.off('end', onClosed);
		if (how.terminalGone) {
			// Nothing can be shown any more: Ink's goodbye frame would only fail with EIO.
			stdout.write = (() => true) as typeof stdout.write;
		}
		try {
			app.unmount();
		} catch {
			// Already unmounting, or the terminal is gone: it is restored below either way.
		}
		if (!how.terminalGone) {
			try {
				leaveScreen();
			} catch {
				// The terminal went away at the last moment.
			}
		}
		const heldOutput = output.restore();
		// Closing is quick (a file handle, or a pool's sockets); the exit below waits for it.
		const closing = store.close().catch(() => {});
		let exitCode = code;
		if (how.error !== undefined) {
			const log = reportCrash(how.error);
			process.stderr.write(`opsdesk: internal error: ${how.error instanceof Error ? how.error.message : String(how.error)} (details in ${log})\n`);
			exitCode = deskExitCodes.crashed;
		}
		if (heldOutput && !how.terminalGone) process.stderr.write(`opsdesk: output written while the desk was open is in ${heldOutput}\n`);
		if (how.terminalGone) {
			// Node puts the terminal's settings back when it exits, and aborts when the terminal
			// is gone (tcsetattr fails with EIO). Ending by the hangup signal itself skips that
			// and tells a parent shell exactly what happened (129).
			setImmediate(() => process.kill(process.pid, 'SIGHUP'));
		}
		// A safety net: nothing should keep the process alive now, but if something does, leave anyway.
		setTimeout(() => process.exit(exitCode), 1000).unref();
		void closing.then(() => resolveExit(exitCode));
	};
	const closed = () => finish(deskExitCodes.closedTerminal, {terminalGone: true});
	const onClosed = () => closed();
	const onStreamError = (error: unknown) => (isClosedTerminal(error) ? closed() : finish(deskExitCodes.crashed, {error}));
	const onSignal = (signal: NodeJS.Signals) => (signal === 'SIGHUP' ? closed() : finish(signalCodes[signal] ?? 1));
	const onCrash = (error: unknown) => (isClosedTerminal(error) ? closed() : finish(deskExitCodes.crashed, {error}));
	for (const signal of Object.keys(signalCodes)) process.on(signal, onSignal);
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);
	stdout.on('error', onStreamError);
	stdin.on('error', onStreamError);
	stdin.on('end', onClosed);

	const {target} = options;
	// On PostgreSQL, files beside the database (robots/, exports/) go where the default SQLite file would be.
	const databasePath = target.engine === 'sqlite' ? target.file : defaultDatabasePath();
	const app = render(<App store={store} databasePath={databasePath} databaseShown={target.shown} />, {
		stdout,
		stdin,
		// Ctrl-C is a key binding (it quits from anywhere), so it goes through the same exit as q.
		exitOnCtrlC: false,
		// Console output is held by holdConsoleOutput instead of being printed above the frame.
		patchConsole: false,
		incrementalRendering: true,
		maxFps: options.fps && options.fps > 0 ? options.fps : defaultFps,
	});
	app.waitUntilExit().then(() => finish(deskExitCodes.ok), (error: unknown) => (isClosedTerminal(error) ? closed() : finish(deskExitCodes.crashed, {error})));
	return exited;
}
