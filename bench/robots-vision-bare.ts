// Run by bench/robots-vision.ts in its own process with DISPLAY set (nut-js may end the process
// it runs in): the costs under a vision step, each alone. Prints one JSON object.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {matchTemplate} from '../source/robot/vision/match.js';
import {crop, encodePng, fromRaw, type RgbImage} from '../source/robot/vision/rgb-image.js';
import {openCv, toMat, type OpenCv} from '../test/robot/support/opencv.js';

const [templateBox, textBox] = JSON.parse(process.argv[2]!) as Array<{x: number; y: number; width: number; height: number}>;
const nut = await import('@nut-tree-fork/nut-js');

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed<T>(runs: number, work: () => T | Promise<T>): Promise<{ms: number; result: T}> {
	let result!: T;
	const times: number[] = [];
	for (let run = 0; run < runs; run++) {
		const started = performance.now();
		result = await work();
		times.push(performance.now() - started);
	}
	return {ms: median(times), result};
}

const grab = async (box?: {x: number; y: number; width: number; height: number}): Promise<RgbImage> => {
	const image = box ? await nut.screen.grabRegion(new nut.Region(box.x, box.y, box.width, box.height)) : await nut.screen.grab();
	return fromRaw({width: image.width, height: image.height, data: image.data, channels: image.channels, byteWidth: image.byteWidth, bgr: image.colorMode === nut.ColorMode.BGR});
};

await grab();
const capture = await timed(15, () => grab());
const screen = capture.result;
const template = crop(screen, templateBox!);
const own = await timed(15, () => matchTemplate(screen, template, {confidence: 0.9}));

/** OpenCV the way its docs match: the whole screen at full resolution (exact), and a two-level pyramid with an exact refine. */
const cvStarted = performance.now();
const cv: OpenCv = await openCv();
const cvLoadMs = performance.now() - cvStarted;
const source = toMat(cv, screen);
const needle = toMat(cv, template);
const full = await timed(5, () => {
	const result = new cv.Mat();
	cv.matchTemplate(source, needle, result, cv.TM_CCOEFF_NORMED);
	const best = cv.minMaxLoc(result);
	result.delete();
	return best;
});
const pyramid = await timed(10, () => {
	const [small, smaller, tiny, tinier, coarse] = [new cv.Mat(), new cv.Mat(), new cv.Mat(), new cv.Mat(), new cv.Mat()];
	cv.pyrDown(source, small);
	cv.pyrDown(small, smaller);
	cv.pyrDown(needle, tiny);
	cv.pyrDown(tiny, tinier);
	cv.matchTemplate(smaller, tinier, coarse, cv.TM_CCOEFF_NORMED);
	const guess = cv.minMaxLoc(coarse);
	const x = Math.max(0, guess.maxLoc.x * 4 - 6);
	const y = Math.max(0, guess.maxLoc.y * 4 - 6);
	const window = source.roi(new cv.Rect(x, y, Math.min(screen.width - x, template.width + 12), Math.min(screen.height - y, template.height + 12)));
	const fine = new cv.Mat();
	cv.matchTemplate(window, needle, fine, cv.TM_CCOEFF_NORMED);
	const best = cv.minMaxLoc(fine);
	for (const mat of [small, smaller, tiny, tinier, coarse, window, fine]) mat.delete();
	return {x: x + best.maxLoc.x, y: y + best.maxLoc.y, score: best.maxVal};
});

const region = await timed(15, () => grab(textBox));
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-bench-')), 'text.png');
fs.writeFileSync(file, encodePng(region.result));
const cli = await timed(3, () => spawnSync('tesseract', [file, '-', '--psm', '6'], {encoding: 'utf8'}).stdout ?? '');
fs.rmSync(path.dirname(file), {recursive: true, force: true});

console.log(JSON.stringify({
	captureMs: capture.ms, ownMs: own.ms, own: own.result.best, cvLoadMs, cvFullMs: full.ms, cvFull: {...full.result.maxLoc, score: full.result.maxVal},
	cvPyramidMs: pyramid.ms, cvPyramid: pyramid.result, regionMs: region.ms, tesseractCliMs: cli.ms, tesseractCliText: cli.result.trim(),
}));
process.exit(0);
