import type {RgbImage} from './rgb-image.js';

/**
 * Tesseract's text model reads with the habits of English prose: between letters it prefers
 * O to 0, I to 1, B to 8 and S to 5, it sometimes reads one glyph twice (`8` as `S8`) and it
 * drops a J whose hook reaches under its neighbour. An order number has no such habits. When
 * a one-line read says which characters the text holds (`chars`), the line is rebuilt from
 * its ink: each blob of ink is one glyph (or, when wide, touching glyphs) and keeps tesseract's
 * reading placed on it, unless the blob read on its own settles between the characters
 * tesseract weighed there or shows ink the line reading skipped; O/0 and I/1 are then told
 * apart by shape, as a person does: in proportional fonts a zero is narrower than an O
 * (digits share one width) and an I is a bar. Monospaced text (all glyphs one width) keeps
 * tesseract's reading.
 */
export type Glyph = {text: string; confidence: number; x0: number; x1: number; choices: Array<{text: string; confidence: number}>};

/** A run of image columns holding ink, with the rows its ink spans. */
export type Blob = {x0: number; x1: number; y0: number; y1: number};

const luminance = (image: RgbImage, at: number) => 0.299 * image.data[at]! + 0.587 * image.data[at + 1]! + 0.114 * image.data[at + 2]!;

/** The background: the median colour of the top and bottom rows, by luminance. */
export function backgroundOf(image: RgbImage): {luminance: number; rgb: [number, number, number]} {
	const border: number[] = [];
	for (let x = 0; x < image.width; x++) border.push(x * 3, ((image.height - 1) * image.width + x) * 3);
	border.sort((a, b) => luminance(image, a) - luminance(image, b));
	const at = border[Math.floor(border.length / 2)]!;
	return {luminance: luminance(image, at), rgb: [image.data[at]!, image.data[at + 1]!, image.data[at + 2]!]};
}

/**
 * Glyphs as runs of image columns holding ink, split at blank columns. The background is the
 * colour of the border. A descender that reaches under its neighbour (the hook of J in most
 * sans fonts: `KJ`, `CJ`) joins two glyphs' columns only below the baseline, so runs are split
 * where no ink stands above the baseline; the columns under the baseline between two glyphs go
 * to the glyph on their right, whose hook they are.
 */
export function inkBlobs(image: RgbImage): Blob[] {
	const background = backgroundOf(image).luminance;
	const columns = Array.from({length: image.width}, (_, x) => {
		let top = -1;
		let bottom = -1;
		for (let y = 0; y < image.height; y++) {
			if (Math.abs(luminance(image, (y * image.width + x) * 3) - background) > 80) {
				if (top < 0) top = y;
				bottom = y;
			}
		}
		return top < 0 ? undefined : {top, bottom: bottom + 1};
	});
	const runs: Array<[number, number]> = [];
	for (let x = 0; x < image.width; x++) {
		if (!columns[x]) continue;
		if (runs.length > 0 && runs.at(-1)![1] === x) runs.at(-1)![1] = x + 1;
		else runs.push([x, x + 1]);
	}
	const bottoms = runs.map(([x0, x1]) => Math.max(...columns.slice(x0, x1).map(column => column!.bottom)));
	// The baseline: where most glyphs end (capitals and digits all do; only a few letters descend).
	const baseline = median(bottoms);
	const blobs: Blob[] = [];
	const add = (x0: number, x1: number) => {
		const spanned = columns.slice(x0, x1).filter(column => column !== undefined);
		blobs.push({x0, x1, y0: Math.min(...spanned.map(column => column.top)), y1: Math.max(...spanned.map(column => column.bottom))});
	};
	for (const [x0, x1] of runs) {
		const body: Array<[number, number]> = [];
		for (let x = x0; x < x1; x++) {
			if (columns[x]!.top >= baseline) continue;
			if (body.length > 0 && body.at(-1)![1] === x) body.at(-1)![1] = x + 1;
			else body.push([x, x + 1]);
		}
		// All under the baseline (an underscore, a comma): one glyph as it is.
		if (body.length <= 1) {
			add(x0, x1);
			continue;
		}
		body.forEach(([, end], index) => add(index === 0 ? x0 : body[index - 1]![1], index === body.length - 1 ? x1 : end));
	}
	return blobs;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Tesseract's boxes wander (a T's box may cover the W before it), but its reading order does not: glyphs are paired with blobs in that order. */
function pairInOrder(glyphs: Glyph[], blobs: Blob[], typical: number): Glyph[][] | undefined {
	// A narrow blob is one glyph; a wide one (W, or touching glyphs: TY, ZJ) holds as many as tesseract centred on it.
	const wanted = blobs.map(blob => {
		const width = blob.x1 - blob.x0;
		if (width < 1.1 * typical) return 1;
		// Readings centred close together are one glyph read twice, not two glyphs that touch.
		const centres = glyphs.map(glyph => (glyph.x0 + glyph.x1) / 2).filter(centre => centre >= blob.x0 && centre <= blob.x1).sort((a, b) => a - b);
		const centred = centres.filter((centre, index) => index === 0 || centre - centres[index - 1]! >= 0.45 * typical).length;
		return Math.min(Math.max(1, centred), Math.round(width / Math.max(1, typical)) + 1);
	});
	const total = wanted.reduce((sum, count) => sum + count, 0);
	const kept = [...glyphs];
	// More readings than glyphs: one glyph was read twice; the closer, less sure of two neighbours goes.
	while (kept.length > total) {
		let worst = 0;
		let closest = Infinity;
		for (let index = 0; index + 1 < kept.length; index++) {
			const distance = (kept[index + 1]!.x0 + kept[index + 1]!.x1 - kept[index]!.x0 - kept[index]!.x1) / 2;
			if (distance < closest) {
				closest = distance;
				worst = kept[index]!.confidence < kept[index + 1]!.confidence ? index : index + 1;
			}
		}
		kept.splice(worst, 1);
	}
	if (kept.length !== total) return undefined;
	const paired: Glyph[][] = [];
	let at = 0;
	for (const count of wanted) {
		paired.push(kept.slice(at, at + count));
		at += count;
	}
	return paired;
}

/**
 * The line's text from tesseract's glyphs (in reading order) and the ink blobs. `readAlone`
 * reads one blob on its own (only the allowed characters); it is asked only where the line
 * reading leaves a doubt, since each read costs a tesseract pass.
 */
export async function rebuildLine(glyphs: Glyph[], blobs: Blob[], allowed: string, readAlone: (blob: Blob) => Promise<string> = async () => ''): Promise<string> {
	const typical = median(blobs.map(blob => blob.x1 - blob.x0));
	const height = Math.max(1, median(blobs.map(blob => blob.y1 - blob.y0)));
	const widths = blobs.map(blob => blob.x1 - blob.x0).filter(width => width > 0.4 * height);
	const proportional = widths.length >= 2 && Math.max(...widths) >= 1.25 * Math.min(...widths);
	const centre = (glyph: Glyph) => (glyph.x0 + glyph.x1) / 2;
	const paired = pairInOrder(glyphs, blobs, typical) ?? blobs.map(blob => {
		const on = glyphs.filter(glyph => centre(glyph) >= blob.x0 - 1 && centre(glyph) <= blob.x1 + 1);
		return on.length > 1 && blob.x1 - blob.x0 < 1.6 * typical ? [on.reduce((best, glyph) => (glyph.confidence > best.confidence ? glyph : best))] : on;
	});
	const texts: string[] = [];
	for (const [index, blob] of blobs.entries()) {
		const on = paired[index]!;
		const single = blob.x1 - blob.x0 < 1.1 * typical;
		const read = on.map(glyph => glyph.text).join('');
		// Between letters the text model leans to letters (8 read B, 5 read S, 6 read G) but still
		// weighs the digit: the blob read alone, without neighbours as context, decides among what
		// the line weighed. Alone readings are trusted no further: each font has glyphs that alone
		// read as something else.
		const weighed = single && on.length === 1 ? on[0]!.choices.filter(choice => choice.confidence > 0).map(choice => choice.text) : [];
		const doubt = on.length === 0 || !single || new Set([...weighed, read]).size > 1;
		const apart = doubt ? await readAlone(blob) : '';
		// Ink the line reading skipped (a J at the end of a line, a glyph touching its neighbour) is what the blob alone shows.
		if (apart && (on.length === 0 || (!single && apart.length > on.length && holds(apart, read)))) texts.push(apart);
		// One glyph the line read twice (a W as IW, a K as KT): a blob too narrow for two glyphs that alone reads as one of them.
		else if (apart.length === 1 && on.length > 1 && blob.x1 - blob.x0 < 1.7 * typical && read.includes(apart)) texts.push(apart);
		else if (apart.length === 1 && weighed.includes(apart)) texts.push(apart);
		else if (on.length !== 1 || !proportional) texts.push(read);
		else texts.push(byShape(on[0]!.text, (blob.x1 - blob.x0) / height, allowed));
	}
	return texts.join('');
}

/** Whether `text` has every character of `part`, in order (the line missed a glyph the blob alone shows). */
function holds(text: string, part: string): boolean {
	let at = 0;
	for (const char of text) if (char === part[at]) at++;
	return at === part.length;
}

function byShape(text: string, ratio: number, allowed: string): string {
	if ((text === 'O' || text === '0') && allowed.includes('O') && allowed.includes('0')) return ratio >= 0.9 ? 'O' : '0';
	if ((text === 'I' || text === '1') && allowed.includes('I') && allowed.includes('1')) return ratio < 0.3 ? 'I' : '1';
	return text;
}
