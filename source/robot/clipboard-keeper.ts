import {spawn} from 'node:child_process';
import {Clipboard, type ClipboardContent} from './x11/clipboard.js';
import {XConnection} from './x11/connection.js';

type Saved = Array<{target: string; type: string; format: number; data: string}>;

/**
 * X keeps a clipboard only while its owner runs. A desktop process that put the user's
 * clipboard back owns it, and it ends with its job: a small detached process takes the
 * clipboard over and serves it until someone copies something else (as xclip and xsel do), or
 * the display goes away.
 */
export function handOverClipboard(content: ClipboardContent): Promise<void> {
	const entry = process.argv[1]!;
	const keeper = spawn(process.execPath, [...process.execArgv, entry, '--keep-clipboard'], {detached: true, stdio: ['pipe', 'ignore', 'ignore'], env: process.env});
	const saved: Saved = content.map(({target, type, format, data}) => ({target, type, format, data: data.toString('base64')}));
	keeper.stdin!.end(JSON.stringify(saved));
	keeper.unref();
	return new Promise(resolve => {
		keeper.once('error', () => resolve());
		keeper.stdin!.once('finish', () => resolve());
	});
}

export async function keepClipboard(display: string): Promise<void> {
	let text = '';
	for await (const chunk of process.stdin) text += String(chunk);
	const saved = JSON.parse(text) as Saved;
	const x = await XConnection.open(display);
	const clipboard = new Clipboard(x);
	await clipboard.own(saved.map(({target, type, format, data}) => ({target, type, format, data: Buffer.from(data, 'base64')})));
	await new Promise<void>(resolve => {
		const timer = setInterval(() => {
			if (clipboard.takenSinceOwned()) resolve();
		}, 200);
		x.client.on('end', () => resolve());
		x.client.on('close', () => resolve());
		process.once('SIGTERM', () => resolve());
		void timer;
	});
	x.close();
}
