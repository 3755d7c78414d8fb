// The desktop child: the only process that loads nut-js. A worker (or `robot run --driver nut`)
// forks it, sends one desktop action at a time and gets each result back. If nut-js kills this
// process (no display) the parent sees the exit and reports it; if the parent dies, the IPC
// channel closes and this process leaves too. With --keep-clipboard it only holds the user's
// clipboard (read from stdin) after a desktop process ends, as xclip does, until someone copies.
import type {DesktopReply, DesktopRequest} from './desktop-protocol.js';
import type {LookAnswer} from './looks.js';

if (process.argv.includes('--keep-clipboard')) {
	const {keepClipboard} = await import('./clipboard-keeper.js');
	await keepClipboard(process.env.DISPLAY ?? '');
	process.exit(0);
}

if (!process.send) {
	process.stderr.write('worker-process: start me through opsdesk (robot run --driver nut, or opsdesk worker)\n');
	process.exit(1);
}

const reply = (message: DesktopReply) => process.send!(message);

const {NutDriver} = await import('./nut-driver.js');
// Opening the display is the probe: a dead DISPLAY fails here, and the parent reports it.
const driver = await NutDriver.open(process.env.DISPLAY ?? '').catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
const screen = driver.screen;

process.on('disconnect', () => {
	void (async () => {
		// The user's clipboard, put back by a type or copy step, would vanish with this process.
		const content = await driver.clipboardToKeep().catch(() => undefined);
		if (content && content.length > 0) {
			const {handOverClipboard} = await import('./clipboard-keeper.js');
			await handOverClipboard(content).catch(() => {});
			await driver.clipboardTaken(3000);
		}
		driver.close();
		process.exit(0);
	})();
});

reply({ready: true, screen});

const running = new Map<number, AbortController>();
// One action at a time, in order: input events must not interleave.
let queue = Promise.resolve();
process.on('message', (request: DesktopRequest) => {
	if (request.call === 'abort') {
		running.get(request.id)?.abort();
		return;
	}
	const control = new AbortController();
	running.set(request.id, control);
	queue = queue.then(async () => {
		try {
			if (control.signal.aborted) throw new Error('stopped: the step timed out');
			let value: string | boolean | string[] | LookAnswer | undefined;
			if (request.call === 'perform') value = await driver.perform(request.action, control.signal);
			else if (request.call === 'screenshot') value = await driver.screenshot(request.file);
			else if (request.call === 'look') value = await driver.look(request.look, control.signal);
			else if (request.call === 'warmOcr') {
				// In the background: the robot's other steps run meanwhile; a real read reports any failure.
				driver.looks.ocr.warm(request.lang).catch(() => {});
			} else value = await driver.probeKeys();
			reply({id: request.id, ok: true, value});
		} catch (error) {
			const screenshot = (error as {screenshot?: string}).screenshot;
			reply({id: request.id, ok: false, error: (error as Error).message, ...(screenshot ? {screenshot} : {})});
		} finally {
			running.delete(request.id);
		}
	});
});
