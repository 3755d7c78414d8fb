// The desktop child: the only process that loads nut-js. A worker (or `robot run --driver nut`)
// forks it, sends one desktop action at a time and gets each result back. If nut-js kills this
// process (no display, X BadMatch) the parent sees the exit and reports it; if the parent dies,
// the IPC channel closes and this process leaves too.
import type {DesktopReply, DesktopRequest} from './desktop-protocol.js';

if (!process.send) {
	process.stderr.write('worker-process: start me through opsdesk (robot run --driver nut, or opsdesk worker)\n');
	process.exit(1);
}

const reply = (message: DesktopReply) => process.send!(message);
process.on('disconnect', () => process.exit(0));

const {NutDriver, configureNut, probeScreen} = await import('./nut-driver.js');
configureNut();
const driver = new NutDriver();
reply({ready: true, screen: await probeScreen()});

// One action at a time, in order: input events must not interleave.
let queue = Promise.resolve();
process.on('message', (request: DesktopRequest) => {
	queue = queue.then(async () => {
		try {
			const value = request.call === 'perform' ? await driver.perform(request.action) : await driver.screenshot(request.file);
			reply({id: request.id, ok: true, value});
		} catch (error) {
			reply({id: request.id, ok: false, error: (error as Error).message});
		}
	});
});
