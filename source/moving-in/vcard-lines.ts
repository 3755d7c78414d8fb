/**
 * vCard content lines (RFC 6350 section 3.3, RFC 2426, and vCard 2.1 as Outlook and older
 * phones still write it), from the file's bytes:
 *
 * - folded lines (a line starting with a space or tab continues the one before) are unfolded;
 * - a quoted-printable value (2.1: `ENCODING=QUOTED-PRINTABLE`) continues on the next line
 *   after a soft break (`=` at the end), and is decoded to bytes;
 * - each value's bytes are decoded by its `CHARSET` parameter (windows-1252, iso-8859-1,
 *   shift_jis, ...), as UTF-8 without one, and as windows-1252 when they are not UTF-8
 *   (Outlook writes 2.1 cards in the Windows code page);
 * - parameters are read in the 3.0/4.0 form (`TYPE=WORK,VOICE`, quoted values) and the 2.1
 *   form (`TEL;WORK;VOICE`), names in any case.
 *
 * ical.js (Mozilla's parser) and vcf were tried first: both refuse 2.1's bare parameters and
 * neither decodes quoted-printable or charsets, which Outlook's and old phones' cards need.
 */
export type ContentLine = {
	/** The file line the property starts on (1-based). */
	line: number;
	group: string;
	/** Upper case: `FN`, `TEL`, `X-ABLABEL`. */
	name: string;
	/** Parameter names upper case; values as written (several for `TYPE=WORK,VOICE`). */
	params: Map<string, string[]>;
	/** The value, decoded to text but not unescaped (structured values still hold `\;`). */
	value: string;
};

export type RawLine = {line: number; text: string};

/** Physical lines of the file as byte strings (one character per byte), each with its number. */
export function physicalLines(bytes: Buffer): RawLine[] {
	let buffer = bytes;
	if (buffer[0] === 0xff && buffer[1] === 0xfe) buffer = Buffer.from(buffer.subarray(2).toString('utf16le'), 'utf8');
	else if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) buffer = buffer.subarray(3);
	const text = buffer.toString('latin1');
	const lines: RawLine[] = [];
	let number = 1;
	for (const piece of text.split(/\r\n|\n|\r/u)) lines.push({line: number++, text: piece});
	return lines;
}

/** Logical lines: folded continuations joined, quoted-printable soft breaks followed. */
export function logicalLines(lines: readonly RawLine[]): RawLine[] {
	const logical: RawLine[] = [];
	let current: RawLine | undefined;
	for (const raw of lines) {
		const first = raw.text[0];
		if (current && (first === ' ' || first === '\t')) {
			current.text += raw.text.slice(1);
			continue;
		}
		if (current && isSoftBreak(current.text)) {
			current.text = current.text.slice(0, -1) + raw.text;
			continue;
		}
		if (current) logical.push(current);
		current = raw.text === '' ? undefined : {line: raw.line, text: raw.text};
	}
	if (current) logical.push(current);
	return logical;
}

/** A quoted-printable value that ends in `=` goes on on the next line (RFC 2045 soft line break). */
function isSoftBreak(text: string): boolean {
	if (!text.endsWith('=')) return false;
	const colon = valueStart(text);
	return colon !== -1 && /;\s*(?:ENCODING\s*=\s*)?QUOTED-PRINTABLE\s*[;:]/iu.test(text.slice(0, colon + 1));
}

/** Where the value starts: after the first `:` outside a quoted parameter value. */
function valueStart(text: string): number {
	let quoted = false;
	for (let at = 0; at < text.length; at++) {
		const character = text[at];
		if (character === '"') quoted = !quoted;
		else if (character === ':' && !quoted) return at;
	}
	return -1;
}

/** One logical line as a property, or undefined when it is not one (no `:`, no name). */
export function contentLine(raw: RawLine): ContentLine | undefined {
	const colon = valueStart(raw.text);
	if (colon <= 0) return undefined;
	const head = splitParams(raw.text.slice(0, colon));
	const [qualified, ...paramTexts] = head;
	const dot = qualified!.lastIndexOf('.');
	const name = qualified!.slice(dot + 1).trim().toUpperCase();
	if (!/^[A-Z0-9-]+$/u.test(name)) return undefined;
	const params = new Map<string, string[]>();
	for (const text of paramTexts) {
		const equals = text.indexOf('=');
		// vCard 2.1 writes a type alone: TEL;WORK;VOICE.
		const key = equals === -1 ? 'TYPE' : text.slice(0, equals).trim().toUpperCase();
		const values = equals === -1 ? [text.trim()] : splitList(text.slice(equals + 1));
		params.set(key, [...(params.get(key) ?? []), ...values]);
	}
	if (!params.has('ENCODING') && (params.get('TYPE') ?? []).some(type => type.toUpperCase() === 'QUOTED-PRINTABLE')) params.set('ENCODING', ['QUOTED-PRINTABLE']);
	let bytes: Buffer = Buffer.from(raw.text.slice(colon + 1), 'latin1');
	const encoding = (params.get('ENCODING')?.[0] ?? '').toUpperCase();
	if (encoding === 'QUOTED-PRINTABLE') bytes = decodeQuotedPrintable(bytes);
	return {line: raw.line, group: dot === -1 ? '' : qualified!.slice(0, dot), name, params, value: decodeText(bytes, params.get('CHARSET')?.[0])};
}

function splitParams(head: string): string[] {
	const parts: string[] = [];
	let current = '';
	let quoted = false;
	for (const character of head) {
		if (character === '"') quoted = !quoted;
		if (character === ';' && !quoted) {
			parts.push(current);
			current = '';
		} else {
			current += character;
		}
	}
	parts.push(current);
	return parts.filter((part, index) => index === 0 || part.trim() !== '');
}

/** `WORK,VOICE` or `"a,b"`: parameter values, unquoted. */
function splitList(text: string): string[] {
	const trimmed = text.trim();
	if (trimmed.startsWith('"') && trimmed.endsWith('"') && trimmed.length >= 2) return [trimmed.slice(1, -1)];
	return trimmed.split(',').map(value => value.trim()).filter(Boolean);
}

function decodeQuotedPrintable(bytes: Buffer): Buffer {
	const out = Buffer.alloc(bytes.length);
	let length = 0;
	for (let at = 0; at < bytes.length; at++) {
		const byte = bytes[at]!;
		if (byte === 0x3d && at + 2 < bytes.length && isHex(bytes[at + 1]) && isHex(bytes[at + 2])) {
			out[length++] = Number.parseInt(String.fromCharCode(bytes[at + 1]!, bytes[at + 2]!), 16);
			at += 2;
		} else {
			out[length++] = byte;
		}
	}
	return out.subarray(0, length);
}

function isHex(byte: number | undefined): boolean {
	return byte !== undefined && ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66));
}

const utf8 = new TextDecoder('utf-8', {fatal: true});

function decodeText(bytes: Buffer, charset: string | undefined): string {
	if (charset && !/^utf-?8$/iu.test(charset)) {
		try {
			return new TextDecoder(charset.toLowerCase()).decode(bytes);
		} catch {
			// A charset TextDecoder does not know: read it as below.
		}
	}
	try {
		return utf8.decode(bytes);
	} catch {
		return new TextDecoder('windows-1252').decode(bytes);
	}
}
