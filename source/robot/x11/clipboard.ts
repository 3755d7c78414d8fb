import {eventMask, type XConnection, type XEvent} from './connection.js';

/** A clipboard's content in every form its owner offered (`UTF8_STRING`, `text/html`, `image/png`, ...). */
export type ClipboardContent = Array<{target: string; type: string; format: number; data: Buffer}>;

/** Targets that describe the transfer rather than hold content; never saved or served as content. */
const protocolTargets = new Set(['TARGETS', 'MULTIPLE', 'TIMESTAMP', 'SAVE_TARGETS', 'DELETE', 'INSERT_SELECTION', 'INSERT_PROPERTY', 'INCR']);
/** Bigger values travel in pieces (ICCCM INCR): a request must stay under the server's maximum. */
const chunkBytes = 64 * 1024;
/** What a saved clipboard may hold in all: a screenshot on the clipboard fits, a video does not. */
const saveLimit = 64 * 1024 * 1024;
const currentTime = 0;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * The CLIPBOARD selection through our own window: reading it in any form, owning it with
 * content we serve, and noticing when another client takes it (which is how `copy` knows
 * that the application really copied something).
 */
export class Clipboard {
	private readonly window: number;
	private served?: ClipboardContent;
	private lostAt = 0;
	private ownedSince = 0;
	/** Requests for our content since we took the clipboard: `type` checks its paste arrived. */
	requests = 0;
	private readonly stopListening: () => void;

	constructor(private readonly x: XConnection) {
		this.window = x.createHiddenWindow();
		this.stopListening = x.listen(event => {
			void this.onEvent(event);
		});
	}

	/** Whether we own the clipboard now. */
	get owned(): boolean {
		return this.served !== undefined;
	}

	private async onEvent(event: XEvent): Promise<void> {
		if (event.name === 'SelectionClear' && event.owner === this.window && event.selection === (await this.x.atom('CLIPBOARD'))) {
			this.served = undefined;
			this.lostAt = Date.now();
		} else if (event.name === 'SelectionRequest' && event.owner === this.window) {
			await this.answer(event).catch(() => {});
		}
	}

	/** Every form of the current content; empty when nobody owns the clipboard. */
	async read(withinMs = 2000): Promise<ClipboardContent> {
		if (this.served) return this.served;
		const clipboard = await this.x.atom('CLIPBOARD');
		const owner = await this.x.call<number>(callback => this.x.client.GetSelectionOwner(clipboard, callback));
		if (owner === 0) return [];
		const targets = await this.convert('TARGETS', withinMs).catch(() => undefined);
		const names = targets && targets.format === 32
			? await Promise.all(Array.from({length: targets.data.length / 4}, (_, index) => this.x.atomName(targets.data.readUInt32LE(index * 4))))
			: ['UTF8_STRING'];
		const content: ClipboardContent = [];
		let total = 0;
		for (const target of names.filter(name => !protocolTargets.has(name))) {
			const value = await this.convert(target, withinMs).catch(() => undefined);
			if (!value || total + value.data.length > saveLimit) continue;
			total += value.data.length;
			content.push({target, type: await this.x.atomName(value.type), format: value.format, data: value.data});
		}
		return content;
	}

	/** The clipboard as text (UTF-8), or undefined when it holds none. */
	async readText(withinMs = 2000): Promise<string | undefined> {
		if (this.served) return textOf(this.served);
		const value = await this.convert('UTF8_STRING', withinMs).catch(() => undefined)
			?? await this.convert('STRING', withinMs).catch(() => undefined);
		if (!value) return undefined;
		return (await this.x.atomName(value.type)) === 'STRING' ? value.data.toString('latin1') : value.data.toString('utf8');
	}

	/** Asks the owner for one target into our window's property and reads it, in pieces when it sends INCR. */
	private async convert(target: string, withinMs: number): Promise<{type: number; format: number; data: Buffer}> {
		const x = this.x;
		const [clipboard, targetAtom, property, incr] = await Promise.all([x.atom('CLIPBOARD'), x.atom(target), x.atom('OPSDESK_TRANSFER'), x.atom('INCR')]);
		x.client.DeleteProperty(this.window, property);
		const events: XEvent[] = [];
		let wake: (() => void) | undefined;
		const stop = x.listen(event => {
			if (event.name === 'SelectionNotify' && event.requestor === this.window) events.push(event);
			else if (event.name === 'PropertyNotify' && event.wid === this.window && event.atom === property && event.state === 0) events.push(event);
			else return;
			wake?.();
		});
		const next = async (name: string) => {
			const deadline = Date.now() + withinMs;
			for (;;) {
				const index = events.findIndex(event => event.name === name);
				if (index >= 0) return events.splice(index, 1)[0]!;
				const left = deadline - Date.now();
				if (left <= 0) throw new Error(`the clipboard's owner did not answer within ${withinMs}ms`);
				await new Promise<void>(resolve => {
					wake = resolve;
					setTimeout(resolve, Math.min(left, 50));
				});
			}
		};
		try {
			x.client.ConvertSelection(this.window, clipboard, targetAtom, property, currentTime);
			const notify = await next('SelectionNotify');
			if (notify.property === 0) throw new Error(`the clipboard has no ${target}`);
			const first = await x.property(this.window, property, true);
			if (!first) throw new Error(`the clipboard's owner sent no ${target}`);
			if (first.type !== incr) return first;
			const chunks: Buffer[] = [];
			for (;;) {
				await next('PropertyNotify');
				const piece = await x.property(this.window, property, true);
				if (!piece || piece.data.length === 0) return {type: piece?.type ?? first.type, format: piece?.format ?? 8, data: Buffer.concat(chunks)};
				chunks.push(piece.data);
			}
		} finally {
			stop();
		}
	}

	/** Owns the clipboard with this content (empty: gives it up); resolves once the display agrees. */
	async own(content: ClipboardContent): Promise<void> {
		const clipboard = await this.x.atom('CLIPBOARD');
		this.served = content.length > 0 ? content : undefined;
		this.requests = 0;
		this.x.client.SetSelectionOwner(content.length > 0 ? this.window : 0, clipboard, currentTime);
		const owner = await this.x.call<number>(callback => this.x.client.GetSelectionOwner(clipboard, callback));
		if (content.length > 0 && owner !== this.window) throw new Error('could not take the clipboard');
		this.ownedSince = Date.now();
	}

	/** Whether another client took the clipboard since we took it (it copied something). */
	takenSinceOwned(): boolean {
		return this.served === undefined && this.lostAt >= this.ownedSince;
	}

	/** Waits until another client takes the clipboard from us; false after `withinMs`. */
	async waitUntilTaken(withinMs: number, signal?: AbortSignal): Promise<boolean> {
		const deadline = Date.now() + withinMs;
		while (Date.now() < deadline && !signal?.aborted) {
			if (this.takenSinceOwned()) return true;
			await sleep(10);
		}
		return this.takenSinceOwned();
	}

	/** Waits until someone asked for our content `count` times (a paste happened). */
	async waitForRequests(count: number, withinMs: number, signal?: AbortSignal): Promise<boolean> {
		const deadline = Date.now() + withinMs;
		while (Date.now() < deadline && !signal?.aborted) {
			if (this.requests >= count) return true;
			await sleep(5);
		}
		return this.requests >= count;
	}

	private async answer(event: XEvent): Promise<void> {
		const x = this.x;
		const requestor = event.requestor!;
		const target = await x.atomName(event.target!);
		const property = event.property === 0 ? event.target! : event.property!;
		const content = this.served;
		let delivered = true;
		if (!content) delivered = false;
		else if (target === 'TARGETS') {
			const atoms = await Promise.all(['TARGETS', 'TIMESTAMP', ...content.map(entry => entry.target)].map(name => x.atom(name)));
			x.client.ChangeProperty(0, requestor, property, await x.atom('ATOM'), 32, atoms);
		} else if (target === 'TIMESTAMP') {
			x.client.ChangeProperty(0, requestor, property, await x.atom('INTEGER'), 32, [0]);
		} else {
			const entry = content.find(candidate => candidate.target === target)
				?? (['UTF8_STRING', 'STRING', 'TEXT', 'text/plain;charset=utf-8', 'text/plain'].includes(target) ? textEntry(content) : undefined);
			if (!entry) delivered = false;
			else if (entry.data.length > chunkBytes) await this.sendInPieces(requestor, property, entry);
			else x.client.ChangeProperty(0, requestor, property, await x.atom(entry.type), entry.format, entry.data);
		}
		if (delivered && target !== 'TARGETS' && target !== 'TIMESTAMP') this.requests++;
		x.client.SendEvent(requestor, 0, 0, {
			name: 'SelectionNotify', time: event.time ?? 0, requestor, selection: event.selection!, target: event.target!, property: delivered ? property : 0,
		});
		await x.sync().catch(() => {});
	}

	/** ICCCM INCR: announce the size, then one piece each time the requestor deletes the property. */
	private async sendInPieces(requestor: number, property: number, entry: ClipboardContent[number]): Promise<void> {
		const x = this.x;
		x.client.ChangeWindowAttributes(requestor, {eventMask: eventMask.PropertyChange});
		let offset = 0;
		let finished = false;
		const type = await x.atom(entry.type);
		const stop = x.listen(event => {
			if (finished || event.name !== 'PropertyNotify' || event.wid !== requestor || event.atom !== property || event.state !== 1) return;
			const piece = entry.data.subarray(offset, offset + chunkBytes);
			offset += piece.length;
			x.client.ChangeProperty(0, requestor, property, type, entry.format, piece);
			if (piece.length === 0) {
				finished = true;
				stop();
			}
		});
		x.client.ChangeProperty(0, requestor, property, await x.atom('INCR'), 32, [entry.data.length]);
		setTimeout(() => {
			if (!finished) stop();
		}, 30_000).unref();
	}

	close(): void {
		this.stopListening();
	}
}

function textEntry(content: ClipboardContent): ClipboardContent[number] | undefined {
	return content.find(entry => entry.target === 'UTF8_STRING') ?? content.find(entry => entry.target === 'STRING' || entry.target.startsWith('text/plain'));
}

function textOf(content: ClipboardContent): string | undefined {
	const entry = textEntry(content);
	if (!entry) return undefined;
	return entry.target === 'STRING' ? entry.data.toString('latin1') : entry.data.toString('utf8');
}

/** Text as clipboard content, in the forms editors and terminals ask for. */
export function textContent(text: string): ClipboardContent {
	const data = Buffer.from(text, 'utf8');
	return [
		{target: 'UTF8_STRING', type: 'UTF8_STRING', format: 8, data},
		{target: 'text/plain;charset=utf-8', type: 'text/plain;charset=utf-8', format: 8, data},
	];
}
