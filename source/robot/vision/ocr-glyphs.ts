import type {RgbImage} from './rgb-image.js';

/**
 * Tesseract's text model reads with the habits of English prose: between letters it prefers
 * O to 0 and I to 1, and it sometimes reads one glyph twice (`8` as `S8`). An order number
 * has no such habits. When a one-line read says which characters the text holds (`chars`),
 * the line is rebuilt from its ink: each blob of ink is one glyph (or, when wide, touching
 * glyphs) and keeps the surest reading tesseract placed on it; O/0 and I/1 are then told
 * apart by shape, as a person does: in proportional fonts a zero is narrower than an O
 * (digits share one width) and an I is a bar. Monospaced text (all glyphs one width) keeps
 * tesseract's reading.
 */
export type Glyph = {text: string; confidence: number; x0: number; x1: number};

/** A run of image columns holding ink, with the rows its ink spans. */
export type Blob = {x0: number; x1: number; y0: number; y1: number};

const luminance = (image: RgbImage, at: number) => 0.299 * image.data[at]! + 0.587 * image.data[at + 1]! + 0.114 * image.data[at + 2]!;

/** Columns of ink, split at blank columns. The background is the colour of the border. */
export function inkBlobs(image: RgbImage): Blob[] {
	const border: number[] = [];
	for (let x = 0; x < image.width; x++) border.push(luminance(image, x * 3), luminance(image, ((image.height - 1) * image.width + x) * 3));
	border.sort((a, b) => a - b);
	const background = border[Math.floor(border.length / 2)]!;
	const blobs: Blob[] = [];
	let current: Blob | undefined;
	for (let x = 0; x < image.width; x++) {
		let top = -1;
		let bottom = -1;
		for (let y = 0; y < image.height; y++) {
			if (Math.abs(luminance(image, (y * image.width + x) * 3) - background) > 80) {
				if (top < 0) top = y;
				bottom = y;
			}
		}
		if (top < 0) {
			current = undefined;
			continue;
		}
		if (!current) {
			current = {x0: x, x1: x + 1, y0: top, y1: bottom + 1};
			blobs.push(current);
		} else {
			current.x1 = x + 1;
			current.y0 = Math.min(current.y0, top);
			current.y1 = Math.max(current.y1, bottom + 1);
		}
	}
	return blobs;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Tesseract's boxes wander at the ends of a line, but its order does not: glyphs are paired with blobs in order. */
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
	const kept = [...glyphs].sort((a, b) => a.x0 - b.x0);
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

export function rebuildLine(glyphs: Glyph[], blobs: Blob[], allowed: string): string {
	const typical = median(blobs.map(blob => blob.x1 - blob.x0));
	const height = Math.max(1, median(blobs.map(blob => blob.y1 - blob.y0)));
	const widths = blobs.map(blob => blob.x1 - blob.x0).filter(width => width > 0.4 * height);
	const proportional = widths.length >= 2 && Math.max(...widths) >= 1.25 * Math.min(...widths);
	const centre = (glyph: Glyph) => (glyph.x0 + glyph.x1) / 2;
	const paired = pairInOrder(glyphs, blobs, typical) ?? blobs.map(blob => {
		const on = glyphs.filter(glyph => centre(glyph) >= blob.x0 - 1 && centre(glyph) <= blob.x1 + 1);
		return on.length > 1 && blob.x1 - blob.x0 < 1.6 * typical ? [on.reduce((best, glyph) => (glyph.confidence > best.confidence ? glyph : best))] : on;
	});
	return blobs.map((blob, index) => {
		const on = paired[index]!;
		if (on.length !== 1 || !proportional) return on.map(glyph => glyph.text).join('');
		return byShape(on[0]!.text, (blob.x1 - blob.x0) / height, allowed);
	}).join('');
}

function byShape(text: string, ratio: number, allowed: string): string {
	if ((text === 'O' || text === '0') && allowed.includes('O') && allowed.includes('0')) return ratio >= 0.9 ? 'O' : '0';
	if ((text === 'I' || text === '1') && allowed.includes('I') && allowed.includes('1')) return ratio < 0.3 ? 'I' : '1';
	return text;
}
