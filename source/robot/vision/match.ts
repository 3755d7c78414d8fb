import {coarseCandidates} from './coarse-search.js';
import {clip, resize, type Box, type RgbImage} from './rgb-image.js';

/** Where a template was found, and how well it matched (TM_CCOEFF_NORMED: 1 is identical). */
export type Match = Box & {score: number; scale: number};

export type MatchOptions = {
	/** Where to look; the whole image when absent. */
	within?: Box;
	/** The least score a match needs. */
	confidence: number;
	/** Template scales to try, best match wins; [1] when absent. */
	scales?: readonly number[];
};

/** The best place found (even when below the confidence, so a failure can say how close it came) and the other matches. */
export type MatchOutcome = {best?: Match; others: Match[]};

/** The template with each channel's mean taken out: what the correlation multiplies with. */
type Prepared = {width: number; height: number; centred: Float64Array; norm2: number; gray: Float64Array};

const prepared = new WeakMap<RgbImage, Prepared>();

function prepare(template: RgbImage): Prepared {
	const cached = prepared.get(template);
	if (cached) return cached;
	const count = template.width * template.height;
	const means = [0, 0, 0];
	for (let at = 0; at < template.data.length; at += 3) for (let channel = 0; channel < 3; channel++) means[channel]! += template.data[at + channel]!;
	for (let channel = 0; channel < 3; channel++) means[channel]! /= count;
	const centred = new Float64Array(count * 3);
	let norm2 = 0;
	for (let at = 0; at < centred.length; at++) {
		const value = template.data[at]! - means[at % 3]!;
		centred[at] = value;
		norm2 += value * value;
	}
	const gray = new Float64Array(count);
	for (let at = 0; at < count; at++) gray[at] = template.data[at * 3]! + template.data[at * 3 + 1]! + template.data[at * 3 + 2]!;
	const result = {width: template.width, height: template.height, centred, norm2, gray};
	prepared.set(template, result);
	return result;
}

/** A template of one flat colour correlates with nothing (OpenCV scores it 0 everywhere). */
export function isFlat(template: RgbImage): boolean {
	return prepare(template).norm2 < 1e-6;
}

/**
 * Normalised cross-correlation with OpenCV's TM_CCOEFF_NORMED semantics over all three
 * colour channels: the same scores OpenCV's matchTemplate gives, computed exactly (float64)
 * at every place it reports. Large searches go coarse to fine: a grey image averaged over
 * f×f blocks picks the most promising places, and each is scored exactly in colour around
 * its full-resolution position, climbing to the local best. Small searches score every place.
 */
export function matchTemplate(screen: RgbImage, template: RgbImage, options: MatchOptions): MatchOutcome {
	const area = clip(options.within ?? {x: 0, y: 0, width: screen.width, height: screen.height}, screen.width, screen.height);
	let best: Match | undefined;
	const found: Match[] = [];
	for (const scale of options.scales ?? [1]) {
		const sized = scale === 1 ? template : resize(template, scale);
		if (!area || sized.width > area.width || sized.height > area.height) continue;
		for (const match of matchAtScale(screen, prepare(sized), area, scale)) {
			found.push(match);
			if (!best || better(match, best)) best = match;
		}
	}
	const others: Match[] = [];
	for (const match of found.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0))) {
		if (match === best || match.score < options.confidence) continue;
		if ([best!, ...others].some(kept => overlapsMuch(kept, match))) continue;
		others.push(match);
	}
	return {best, others};
}

/** Higher score wins; a tie goes to the place OpenCV reports first (top row, then left). */
function better(a: Match, b: Match): boolean {
	if (Math.abs(a.score - b.score) > 1e-9) return a.score > b.score;
	return a.y < b.y || (a.y === b.y && a.x < b.x);
}

function overlapsMuch(a: Box, b: Box): boolean {
	return Math.abs(a.x - b.x) < Math.min(a.width, b.width) / 2 && Math.abs(a.y - b.y) < Math.min(a.height, b.height) / 2;
}

/** Exact TM_CCOEFF_NORMED of the template with the screen at (x, y), all channels together. */
export function scoreAt(screen: RgbImage, template: Prepared, x: number, y: number): number {
	const {width, height, centred} = template;
	const pixels = screen.data;
	let product = 0;
	let sum0 = 0;
	let sum1 = 0;
	let sum2 = 0;
	let squares = 0;
	let at = 0;
	for (let row = 0; row < height; row++) {
		let from = ((y + row) * screen.width + x) * 3;
		const end = from + width * 3;
		for (; from < end; from += 3, at += 3) {
			const red = pixels[from]!;
			const green = pixels[from + 1]!;
			const blue = pixels[from + 2]!;
			product += centred[at]! * red + centred[at + 1]! * green + centred[at + 2]! * blue;
			sum0 += red;
			sum1 += green;
			sum2 += blue;
			squares += red * red + green * green + blue * blue;
		}
	}
	const count = width * height;
	const variance = squares - (sum0 * sum0 + sum1 * sum1 + sum2 * sum2) / count;
	const denominator = Math.sqrt(Math.max(variance, 0) * template.norm2);
	// OpenCV's rule for flat windows and rounding: |r| just over 1 is ±1, anything wilder is 0.
	if (denominator < 1e-9) return 0;
	const score = product / denominator;
	if (Math.abs(score) <= 1) return score;
	return Math.abs(score) < 1.125 ? Math.sign(score) : 0;
}

function matchAtScale(screen: RgbImage, template: Prepared, area: Box, scale: number): Match[] {
	const places = (area.width - template.width + 1) * (area.height - template.height + 1);
	const factor = blockFactor(template, places);
	const make = (x: number, y: number, score: number): Match => ({x, y, width: template.width, height: template.height, score, scale});
	if (factor === 1) {
		let best = make(area.x, area.y, -2);
		for (let y = area.y; y <= area.y + area.height - template.height; y++) {
			for (let x = area.x; x <= area.x + area.width - template.width; x++) {
				const score = scoreAt(screen, template, x, y);
				if (score > best.score) best = make(x, y, score);
			}
		}
		return [best, ...secondBest(screen, template, area, best, make)];
	}
	const refined = new Map<number, Match>();
	for (const candidate of coarseCandidates(screen, template, area, factor)) {
		const match = climb(screen, template, area, candidate.x, candidate.y, factor >= 4 ? factor / 2 : factor, make);
		refined.set(match.y * screen.width + match.x, match);
	}
	return [...refined.values()];
}

/** After an exhaustive search: the best place that does not overlap the winner, so a second button is reported. */
function secondBest(screen: RgbImage, template: Prepared, area: Box, best: Match, make: (x: number, y: number, score: number) => Match): Match[] {
	let second: Match | undefined;
	for (let y = area.y; y <= area.y + area.height - template.height; y++) {
		for (let x = area.x; x <= area.x + area.width - template.width; x++) {
			if (overlapsMuch(best, {x, y, width: template.width, height: template.height})) continue;
			const score = scoreAt(screen, template, x, y);
			if (!second || score > second.score) second = make(x, y, score);
		}
	}
	return second ? [second] : [];
}

/** 1 (score every place) for small searches; else the largest block that leaves ≥ 3 whole cells a side. */
function blockFactor(template: Prepared, places: number): number {
	if (places * template.width * template.height < 8_000_000) return 1;
	const side = Math.min(template.width, template.height);
	for (const factor of [8, 4, 2]) if (side / factor >= 5) return factor;
	return side >= 10 ? 2 : 1;
}

/** Scores every place within one block of a candidate exactly, then climbs to the local best. */
function climb(screen: RgbImage, template: Prepared, area: Box, x: number, y: number, factor: number, make: (x: number, y: number, score: number) => Match): Match {
	const maxX = area.x + area.width - template.width;
	const maxY = area.y + area.height - template.height;
	const scored = new Map<number, number>();
	const score = (px: number, py: number) => {
		const key = py * screen.width + px;
		let value = scored.get(key);
		if (value === undefined) {
			value = scoreAt(screen, template, px, py);
			scored.set(key, value);
		}
		return value;
	};
	let best = make(x, y, -2);
	for (let py = Math.max(area.y, y - factor); py <= Math.min(maxY, y + factor); py++) {
		for (let px = Math.max(area.x, x - factor); px <= Math.min(maxX, x + factor); px++) {
			const value = score(px, py);
			if (value > best.score) best = make(px, py, value);
		}
	}
	for (let step = 0; step < 64; step++) {
		let next = best;
		for (let dy = -1; dy <= 1; dy++) {
			for (let dx = -1; dx <= 1; dx++) {
				const px = best.x + dx;
				const py = best.y + dy;
				if ((!dx && !dy) || px < area.x || py < area.y || px > maxX || py > maxY) continue;
				const value = score(px, py);
				if (value > next.score) next = make(px, py, value);
			}
		}
		if (next === best) break;
		best = next;
	}
	return best;
}
