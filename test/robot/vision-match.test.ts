import {beforeAll, describe, expect, it} from 'vitest';
import {isFlat, matchTemplate} from '../../source/robot/vision/match.js';
import {crop, resize, type RgbImage} from '../../source/robot/vision/rgb-image.js';
import {openCv, toMat, type OpenCv} from './support/opencv.js';

/** A screen like a form: a gradient, panels, "text" strokes and noise, from a seed. */
function screen(width: number, height: number, seed: number): RgbImage {
	let state = seed;
	const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
	const data = new Uint8Array(width * height * 3);
	for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([200 + (x % 40), 205, 210 - (y % 30)], (y * width + x) * 3);
	const box = (x0: number, y0: number, w: number, h: number, colour: number[]) => {
		for (let y = y0; y < Math.min(height, y0 + h); y++) for (let x = x0; x < Math.min(width, x0 + w); x++) data.set(colour, (y * width + x) * 3);
	};
	for (let panel = 0; panel < 40; panel++) box(Math.floor(random() * width), Math.floor(random() * height), 20 + Math.floor(random() * 120), 10 + Math.floor(random() * 40), [Math.floor(random() * 255), Math.floor(random() * 255), Math.floor(random() * 255)]);
	for (let stroke = 0; stroke < 3000; stroke++) box(Math.floor(random() * width), Math.floor(random() * height), 1 + Math.floor(random() * 6), 1 + Math.floor(random() * 9), [20, 20, 30]);
	for (let at = 0; at < data.length; at++) data[at] = Math.max(0, Math.min(255, data[at]! + Math.floor(random() * 9) - 4));
	return {width, height, data};
}

function paste(target: RgbImage, image: RgbImage, x: number, y: number): void {
	for (let row = 0; row < image.height; row++) target.data.set(image.data.subarray(row * image.width * 3, (row + 1) * image.width * 3), ((y + row) * target.width + x) * 3);
}

function openCvBest(cv: OpenCv, image: RgbImage, template: RgbImage) {
	const [source, needle, result] = [toMat(cv, image), toMat(cv, template), new cv.Mat()];
	cv.matchTemplate(source, needle, result, cv.TM_CCOEFF_NORMED);
	const best = cv.minMaxLoc(result);
	const scores = Float32Array.from(result.data32F);
	const columns = result.cols;
	for (const mat of [source, needle, result]) mat.delete();
	return {x: best.maxLoc.x, y: best.maxLoc.y, score: best.maxVal, at: (x: number, y: number) => scores[y * columns + x]!};
}

describe('finding an image on the screen (TM_CCOEFF_NORMED, checked against OpenCV)', () => {
	let cv: OpenCv;
	beforeAll(async () => {
		cv = await openCv();
	});

	it('finds the same place with the same score as OpenCV on busy 1280×800 screens, coarse to fine', () => {
		for (const seed of [1, 3]) {
			const shown = screen(1280, 800, seed);
			const button = crop(screen(300, 100, seed + 100), {x: 40, y: 30, width: 90, height: 28});
			paste(shown, button, 100 + seed * 173, 60 + seed * 131);
			// A near copy elsewhere (one stroke red) scores high but lower.
			const near = {...button, data: Uint8Array.from(button.data)};
			for (let x = 10; x < 20; x++) near.data.set([255, 0, 0], (14 * 90 + x) * 3);
			paste(shown, near, 900 - seed * 50, 700 - seed * 90);
			const oracle = openCvBest(cv, shown, button);
			const found = matchTemplate(shown, button, {confidence: 0.9});
			expect({x: found.best!.x, y: found.best!.y}).toEqual({x: oracle.x, y: oracle.y});
			expect(found.best!.score).toBeCloseTo(oracle.score, 3);
			const nearScore = oracle.at(900 - seed * 50, 700 - seed * 90);
			expect(nearScore).toBeLessThan(0.99);
			expect(found.best).toMatchObject({x: 100 + seed * 173, y: 60 + seed * 131});
			expect(found.others.map(other => [other.x, other.y])).toEqual(nearScore >= 0.9 ? [[900 - seed * 50, 700 - seed * 90]] : []);
		}
	});

	it('scores every place exactly when the search is small, and says how close a missing image came', () => {
		const shown = screen(160, 100, 7);
		const template = crop(screen(200, 120, 8), {x: 50, y: 50, width: 30, height: 20});
		const oracle = openCvBest(cv, shown, template);
		const found = matchTemplate(shown, template, {confidence: 0.9});
		expect({x: found.best!.x, y: found.best!.y}).toEqual({x: oracle.x, y: oracle.y});
		expect(found.best!.score).toBeCloseTo(oracle.score, 3);
		expect(found.best!.score).toBeLessThan(0.9);
	});

	it('searches only within an area, in screen coordinates', () => {
		const shown = screen(640, 400, 9);
		const template = crop(screen(300, 100, 10), {x: 40, y: 30, width: 40, height: 24});
		paste(shown, template, 500, 300);
		paste(shown, template, 20, 20);
		const inside = matchTemplate(shown, template, {confidence: 0.9, within: {x: 400, y: 250, width: 240, height: 150}});
		expect(inside.best).toMatchObject({x: 500, y: 300, score: expect.closeTo(1, 6)});
		expect(inside.others).toEqual([]);
		expect(matchTemplate(shown, template, {confidence: 0.9, within: {x: 0, y: 0, width: 30, height: 30}}).best).toBeUndefined();
	});

	it('finds a smaller copy only when asked for scales', () => {
		const shown = screen(400, 260, 11);
		const big = crop(screen(400, 200, 12), {x: 100, y: 50, width: 100, height: 40});
		paste(shown, resize(big, 0.8), 200, 150);
		expect(matchTemplate(shown, big, {confidence: 0.9}).best!.score).toBeLessThan(0.9);
		const scaled = matchTemplate(shown, big, {confidence: 0.9, scales: [1, 0.9, 0.8, 0.7]});
		expect(scaled.best).toMatchObject({x: 200, y: 150, width: 80, height: 32, scale: 0.8});
		expect(scaled.best!.score).toBeGreaterThan(0.99);
	});

	it('treats a template of one flat colour as matching nothing, as OpenCV does', () => {
		const flat = {width: 20, height: 10, data: new Uint8Array(600).fill(128)};
		expect(isFlat(flat)).toBe(true);
		const shown = screen(200, 100, 13);
		paste(shown, flat, 50, 50);
		expect(matchTemplate(shown, flat, {confidence: 0.9}).best!.score).toBe(0);
	});
});
