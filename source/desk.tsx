import {render} from 'ink';
import type {Database} from 'better-sqlite3';
import {App} from './app.js';
import {openOpsdesk} from './open-opsdesk.js';
import {reportCrash} from './crash-log.js';
import {UserError, exitCodes} from './store/errors.js';
import {enterAlternateScreen, holdConsoleOutput} from './desk-terminal.js';
import {seedWhenEmpty} from './desk-seed.js';

export const defaultFps = 15;

const signalCodes: Partial<Record<NodeJS.Signals, number>> = {SIGTERM: 143, SIGHUP: 129, SIGINT: 130};

/**
 * Opens the full-screen desk and resolves to the exit code once it is closed. Whatever
 * ends it (q, Ctrl-C, a signal, a bug), the terminal is given back as it was; a bug is
 * then printed in one line with the path of a log holding the details.
 */
export async function startDesk(options: {databasePath: string; fps?: number}): Promise<number> {
	const {stdout, stdin} = process;
	if (!stdout.isTTY || !stdin.isTTY) {
		process.stderr.write('opsdesk: the desk needs a terminal; for scripts use a command (opsdesk --help lists them)\n');
		return exitCodes.usage;
	}
	let db: Database;
	try {
		db = openOpsdesk(options.databasePath);
		seedWhenEmpty(db);
	} catch (error) {
		if (error instanceof UserError) {
			process.stderr.write(`opsdesk: ${error.message}\n`);
			return error.exitCode;
		}
		process.stderr.write(`opsdesk: internal error: ${(error as Error).message} (details in ${reportCrash(error)})\n`);
		return 70;
	}

	const leaveScreen = enterAlternateScreen(stdout);
	const output = holdConsoleOutput();
	let finished = false;
	let resolveExit: (code: number) => void = () => {};
	const exited = new Promise<number>(resolve => {
		resolveExit = resolve;
	});

	const finish = (code: number, error?: unknown) => {
		if (finished) return;
		finished = true;
		for (const signal of Object.keys(signalCodes)) process.off(signal, onSignal);
		process.off('uncaughtException', onCrash);
		process.off('unhandledRejection', onCrash);
		try {
			app.unmount();
		} catch {
			// Already unmounting: the terminal is restored below either way.
		}
		leaveScreen();
		const heldOutput = output.restore();
		if (db.open) db.close();
		let exitCode = code;
		if (error !== undefined) {
			const log = reportCrash(error);
			process.stderr.write(`opsdesk: internal error: ${error instanceof Error ? error.message : String(error)} (details in ${log})\n`);
			exitCode = 70;
		}
		if (heldOutput) process.stderr.write(`opsdesk: output written while the desk was open is in ${heldOutput}\n`);
		// A safety net: nothing should keep the process alive now, but if something does, leave anyway.
		setTimeout(() => process.exit(exitCode), 1000).unref();
		resolveExit(exitCode);
	};
	const app = render(<App db={db} databasePath={options.databasePath} />, {
		stdout,
		stdin,
		// Ctrl-C is a key binding (it quits from anywhere), so it goes through the same exit as q.
		exitOnCtrlC: false,
		// Console output is held by holdConsoleOutput instead of being printed above the frame.
		patchConsole: false,
		incrementalRendering: true,
		maxFps: options.fps && options.fps > 0 ? options.fps : defaultFps,
	});
	const onSignal = (signal: NodeJS.Signals) => finish(signalCodes[signal] ?? 1);
	const onCrash = (error: unknown) => finish(70, error);
	for (const signal of Object.keys(signalCodes)) process.on(signal, onSignal);
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);
	app.waitUntilExit().then(() => finish(exitCodes.ok), (error: unknown) => finish(70, error));
	return exited;
}
