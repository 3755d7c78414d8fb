// The desktop process's eyes: screen grabs through nut-js, images found by ./match.ts, text by
// ./ocr.ts. Every look polls until it sees what it waits for or its time is up; a failure says
// how close it came and saves the screen with the best candidate outlined.
import {LookFailed, type FoundImage, type ImageRef, type ImageSearch, type LookAnswer, type LookArea, type ScreenLook, type TextArea} from '../looks.js';
import {saveScreenshot} from '../screenshots.js';
import {textExpected} from '../vision-actions.js';
import type {XConnection} from '../x11/connection.js';
import {findWindow} from '../x11/windows.js';
import {matchTemplate, isFlat} from './match.js';
import {Ocr} from './ocr.js';
import {clip, colourAt, decodePng, encodePng, fromRaw, maxTemplateSide, outline, type Box, type RgbImage} from './rgb-image.js';

type Nut = typeof import('@nut-tree-fork/nut-js');

/** Between two looks at a changing screen: often enough to catch a 100 ms state, seldom enough to leave a core for the application. */
const pollMs = 40;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export class ScreenLooks {
	private readonly templates = new Map<string, RgbImage>();
	readonly ocr = new Ocr();

	constructor(private readonly x: XConnection, private readonly nut: () => Promise<Nut>) {}

	/** The screen, or a part of it, as RGB. */
	async grab(box?: Box): Promise<RgbImage> {
		const {screen, Region, ColorMode} = await this.nut();
		const image = box ? await screen.grabRegion(new Region(box.x, box.y, box.width, box.height)) : await screen.grab();
		return fromRaw({width: image.width, height: image.height, data: image.data, channels: image.channels, byteWidth: image.byteWidth, bgr: image.colorMode === ColorMode.BGR});
	}

	template(image: ImageRef): RgbImage {
		let decoded = this.templates.get(image.key);
		if (!decoded) {
			decoded = decodePng(image.png, maxTemplateSide);
			if (isFlat(decoded)) throw new Error(`${image.name} is one flat colour: it matches nothing (cut it with an edge or some text inside)`);
			if (this.templates.size >= 64) this.templates.delete(this.templates.keys().next().value!);
			this.templates.set(image.key, decoded);
		}
		return decoded;
	}

	/** A search area as a box on the screen: a region clipped to it, or a window's inside. */
	async area(area: LookArea | undefined): Promise<Box> {
		const {width, height} = this.x.screen;
		const screen = {x: 0, y: 0, width, height};
		if (!area) return screen;
		if ('region' in area) {
			const box = clip(area.region, width, height);
			if (!box) throw new Error(`the region ${area.region.x},${area.region.y} ${area.region.width}×${area.region.height} is outside the screen (${width}×${height})`);
			return box;
		}
		const found = await findWindow(this.x, area.window);
		if (!found) throw new Error(`no window titled "${area.window}" is open to look in`);
		const geometry = await this.x.call<{width: number; height: number}>(callback => this.x.client.GetGeometry(found.window.id, callback));
		const origin = await this.x.call<{destX: number; destY: number}>(callback => this.x.client.TranslateCoordinates(found.window.id, this.x.root, 0, 0, callback));
		const box = clip({x: origin.destX, y: origin.destY, width: geometry.width, height: geometry.height}, width, height);
		if (!box) throw new Error(`window "${found.window.title}" is not on the screen`);
		return box;
	}

	async look(look: ScreenLook, signal?: AbortSignal): Promise<LookAnswer> {
		const started = Date.now();
		const elapsed = () => Date.now() - started;
		const stopped = () => {
			if (signal?.aborted) throw new Error('stopped: the step timed out');
		};
		if (look.look === 'image') {
			for (;;) {
				stopped();
				const seen = await this.findOnce(look.search);
				const done = look.until === 'now' || (look.until === 'seen' ? seen.seen : !seen.seen);
				if (done) return {look: 'image', seen: seen.seen, ...(seen.best ? {best: seen.best} : {}), others: seen.others, elapsedMs: elapsed()};
				if (elapsed() >= look.waitMs) {
					const best = seen.best ? `best score ${seen.best.score.toFixed(3)} at ${seen.best.x},${seen.best.y}` : 'the area is smaller than the image';
					const wait = look.waitMs > 0 ? ` within ${look.waitMs}ms` : '';
					const message = look.until === 'seen'
						? `${look.search.image.name} is not on the screen${wait} (needs score ${look.search.confidence}; ${best})`
						: `${look.search.image.name} is still on the screen after ${look.waitMs}ms (score ${seen.best!.score.toFixed(3)} at ${seen.best!.x},${seen.best!.y})`;
					throw await this.failure(message, look.failureShot, seen.best);
				}
				await sleep(pollMs);
			}
		}
		if (look.look === 'pixel') {
			for (;;) {
				stopped();
				const colour = colourAt(await this.grab({...look.at, width: 1, height: 1}), 0, 0);
				if (!look.colour || near(colour, look.colour, look.tolerance)) return {look: 'pixel', colour, elapsedMs: elapsed()};
				if (elapsed() >= look.waitMs) {
					throw await this.failure(`${look.at.x},${look.at.y} is ${colour}, not ${look.colour}${look.tolerance ? ` (±${look.tolerance})` : ''}, after ${look.waitMs}ms`, look.failureShot, {...look.at, width: 1, height: 1});
				}
				await sleep(pollMs);
			}
		}
		for (;;) {
			stopped();
			const box = await this.textBox(look.area);
			const read = await this.ocr.recognize(await this.grab(box), {lang: look.lang, ...(look.chars ? {chars: look.chars} : {})}, signal);
			if (!look.expect || (await textExpected(read.text, look.expect, signal))) return {look: 'text', ...read, box, elapsedMs: elapsed()};
			if (elapsed() >= look.waitMs) {
				const wanted = look.expect.text !== undefined ? JSON.stringify(look.expect.text) : `/${look.expect.matches}/`;
				throw await this.failure(`${wanted} did not appear within ${look.waitMs}ms; the text there is ${JSON.stringify(read.text.slice(0, 200))}`, look.failureShot, box);
			}
			await sleep(pollMs);
		}
	}

	private async findOnce(search: ImageSearch): Promise<{seen: boolean; best?: FoundImage; others: number}> {
		const template = this.template(search.image);
		const area = await this.area(search.within);
		// Only the area is grabbed: the matcher's coordinates are then moved back onto the screen.
		const pixels = await this.grab(area);
		const outcome = matchTemplate(pixels, template, {confidence: search.confidence, ...(search.scales ? {scales: search.scales} : {})});
		const best = outcome.best ? {...outcome.best, x: outcome.best.x + area.x, y: outcome.best.y + area.y} : undefined;
		return {seen: best !== undefined && best.score >= search.confidence, ...(best ? {best} : {}), others: outcome.others.length};
	}

	private async textBox(area: TextArea | undefined): Promise<Box> {
		if (!area || !('anchor' in area)) return this.area(area);
		const look = await this.look({look: 'image', search: area.anchor, until: 'seen', waitMs: area.anchorWaitMs});
		const anchor = (look as LookAnswer & {look: 'image'}).best!;
		const box = clip({x: anchor.x + area.offset.x, y: anchor.y + area.offset.y, ...area.size}, this.x.screen.width, this.x.screen.height);
		if (!box) throw new Error(`the text area beside ${area.anchor.image.name} is outside the screen`);
		return box;
	}

	/** The error for a failed look, after saving the screen with `box` outlined when asked to. */
	private async failure(message: string, file: string | undefined, box?: Box): Promise<LookFailed> {
		if (!file) return new LookFailed(message);
		try {
			const screen = await this.grab();
			saveScreenshot(file, encodePng(box ? outline(screen, box) : screen));
			return new LookFailed(message, file);
		} catch {
			return new LookFailed(message);
		}
	}

	async close(): Promise<void> {
		await this.ocr.close();
	}
}

function near(colour: string, wanted: string, tolerance: number): boolean {
	for (let at = 1; at < 7; at += 2) {
		if (Math.abs(Number.parseInt(colour.slice(at, at + 2), 16) - Number.parseInt(wanted.slice(at, at + 2), 16)) > tolerance) return false;
	}
	return true;
}

