// A pure-JavaScript X11 connection (the `x11` package) for what nut-js cannot do safely:
// client windows, their UTF-8 titles, the clipboard and exact keyboard input. An X error
// here is a rejected promise, never a dead process (Xlib's default handler exits on one).
import {createRequire} from 'node:module';

const require = createRequire(import.meta.url);

type Callback<T> = (error: Error | null, value: T) => void;

/** The requests of the `x11` package's client this code uses (callback style, promisified below). */
type RawClient = {
	AllocID(): number;
	InternAtom(onlyIfExists: boolean, name: string, callback: Callback<number>): void;
	GetAtomName(atom: number, callback: Callback<string>): void;
	GetProperty(remove: number, window: number, property: number, type: number, offset: number, length: number, callback: Callback<RawProperty>): void;
	ChangeProperty(mode: number, window: number, property: number, type: number, format: number, data: Buffer | number[]): void;
	DeleteProperty(window: number, property: number): void;
	QueryTree(window: number, callback: Callback<{root: number; parent: number; children: number[]}>): void;
	GetWindowAttributes(window: number, callback: Callback<{mapState: number; overrideRedirect: number}>): void;
	GetGeometry(window: number, callback: Callback<{x: number; y: number; width: number; height: number}>): void;
	TranslateCoordinates(source: number, target: number, x: number, y: number, callback: Callback<{destX: number; destY: number}>): void;
	CreateWindow(id: number, parent: number, x: number, y: number, width: number, height: number, border: number, depth: number, klass: number, visual: number, values: Record<string, number>): void;
	ChangeWindowAttributes(window: number, values: Record<string, number>): void;
	DestroyWindow(window: number): void;
	MapWindow(window: number): void;
	RaiseWindow(window: number): void;
	SetInputFocus(window: number, revertTo: number): void;
	GetInputFocus(callback: Callback<{focus: number}>): void;
	KillClient(resource: number): void;
	SetSelectionOwner(owner: number, selection: number, time: number): void;
	GetSelectionOwner(selection: number, callback: Callback<number>): void;
	ConvertSelection(requestor: number, selection: number, target: number, property: number, time: number): void;
	SendEvent(destination: number, propagate: number, mask: number, event: Record<string, unknown>): void;
	SendClientMessage(destination: number, window: number, type: number, format: number, data: number[], mask?: number): void;
	GetKeyboardMapping(first: number, count: number, callback: Callback<number[][]>): void;
	ChangeKeyboardMapping(first: number, perKeycode: number, keysyms: number[]): void;
	require(extension: 'xtest', callback: Callback<XTest>): void;
	sync(): Promise<void>;
	terminate(): void;
	on(event: 'event', listener: (event: XEvent) => void): void;
	on(event: 'error' | 'end' | 'close', listener: (error?: Error) => void): void;
	removeListener(event: 'event', listener: (event: XEvent) => void): void;
	display: {min_keycode: number; max_keycode: number; screen: Array<{root: number; pixel_width: number; pixel_height: number}>};
};

type RawProperty = {type: number; format: number; bytesAfter: number; data: Buffer};
type XTest = {FakeInput(type: number, detail: number, time: number, window: number, x: number, y: number): void; KeyPress: number; KeyRelease: number};

export type XEvent = {name: string; wid?: number; window?: number; atom?: number; state?: number; time?: number; owner?: number; requestor?: number; selection?: number; target?: number; property?: number; rawData?: Buffer};

export type XProperty = {type: number; format: number; data: Buffer};

export const eventMask = {PropertyChange: 0x0040_0000, StructureNotify: 0x0002_0000, SubstructureNotify: 0x0008_0000, SubstructureRedirect: 0x0010_0000};

/** One connection to the display; every method resolves or rejects, even when the window is gone. */
export class XConnection {
	private readonly atoms = new Map<string, number>();
	private readonly atomNames = new Map<number, string>();
	private closed?: Error;
	readonly root: number;
	readonly screen: {width: number; height: number};
	readonly minKeycode: number;
	readonly maxKeycode: number;
	private xtest?: XTest;

	private constructor(readonly client: RawClient) {
		const screen = client.display.screen[0]!;
		this.root = screen.root;
		this.screen = {width: screen.pixel_width, height: screen.pixel_height};
		this.minKeycode = client.display.min_keycode;
		this.maxKeycode = client.display.max_keycode;
		// Errors of requests without a reply arrive here; the request's promise (through sync) says what failed.
		client.on('error', () => {});
		client.on('end', () => {
			this.closed = new Error('the X display closed the connection');
		});
	}

	static open(display: string): Promise<XConnection> {
		const x11 = require('x11') as {createClient(options: {display: string}, callback: (error: Error | null, display: {client: RawClient}) => void): {on(event: 'error', listener: (error: Error) => void): void}};
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`the X display ${display} did not answer within 10s`)), 10_000);
			const pending = x11.createClient({display}, (error, opened) => {
				clearTimeout(timer);
				if (error) reject(new Error(`cannot open the X display ${display}: ${error.message}`));
				else resolve(new XConnection(opened.client));
			});
			pending.on('error', error => reject(new Error(`cannot open the X display ${display}: ${error.message}`)));
		});
	}

	/** A request with a reply, as a promise; an X error (a window that went away) rejects it. */
	call<T>(invoke: (callback: Callback<T>) => void): Promise<T> {
		if (this.closed) return Promise.reject(this.closed);
		return new Promise((resolve, reject) => {
			invoke((error, value) => (error ? reject(new Error(`X ${error.message ?? 'error'}`)) : resolve(value)));
		});
	}

	/** Waits until the server processed every request sent so far; rejects with the first error among them. */
	async sync(): Promise<void> {
		if (this.closed) throw this.closed;
		await this.client.sync();
	}

	async atom(name: string): Promise<number> {
		let atom = this.atoms.get(name);
		if (atom === undefined) {
			atom = await this.call<number>(callback => this.client.InternAtom(false, name, callback));
			this.atoms.set(name, atom);
			this.atomNames.set(atom, name);
		}
		return atom;
	}

	async atomName(atom: number): Promise<string> {
		let name = this.atomNames.get(atom);
		if (name === undefined) {
			name = await this.call<string>(callback => this.client.GetAtomName(atom, callback));
			this.atomNames.set(atom, name);
			this.atoms.set(name, atom);
		}
		return name;
	}

	/** A whole property (any type), or undefined when the window does not have it. */
	async property(window: number, name: string | number, remove = false): Promise<XProperty | undefined> {
		const atom = typeof name === 'number' ? name : await this.atom(name);
		const chunks: Buffer[] = [];
		let offset = 0;
		for (;;) {
			const reply = await this.call<RawProperty>(callback => this.client.GetProperty(remove ? 1 : 0, window, atom, 0, offset, 1 << 20, callback));
			if (reply.type === 0) return undefined;
			chunks.push(Buffer.from(reply.data));
			if (reply.bytesAfter === 0) return {type: reply.type, format: reply.format, data: Buffer.concat(chunks)};
			offset += reply.data.length / 4;
		}
	}

	/** A property of 32-bit values (windows, atoms, cardinals). */
	async numbers(window: number, name: string): Promise<number[]> {
		const found = await this.property(window, name);
		if (!found || found.format !== 32) return [];
		return Array.from({length: found.data.length / 4}, (_, index) => found.data.readUInt32LE(index * 4));
	}

	/** A text property: UTF8_STRING as UTF-8, STRING as Latin-1, COMPOUND_TEXT's ASCII-and-Latin-1 runs. */
	async text(window: number, name: string): Promise<string | undefined> {
		const found = await this.property(window, name);
		if (!found) return undefined;
		const type = await this.atomName(found.type);
		if (type === 'UTF8_STRING') return found.data.toString('utf8');
		return found.data.toString('latin1');
	}

	async xtestExtension(): Promise<XTest> {
		this.xtest ??= await this.call<XTest>(callback => this.client.require('xtest', callback));
		return this.xtest;
	}

	/** Listens to events until the returned function is called. */
	listen(listener: (event: XEvent) => void): () => void {
		this.client.on('event', listener);
		return () => this.client.removeListener('event', listener);
	}

	/** An unmapped window of our own: the requestor and owner for clipboard transfers. */
	createHiddenWindow(): number {
		const id = this.client.AllocID();
		this.client.CreateWindow(id, this.root, -10, -10, 1, 1, 0, 0, 0, 0, {eventMask: eventMask.PropertyChange});
		return id;
	}

	close(): void {
		this.closed ??= new Error('the X connection is closed');
		try {
			this.client.terminate();
		} catch {
			// Already gone.
		}
	}
}
