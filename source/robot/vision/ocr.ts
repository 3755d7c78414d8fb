// Text recognition with tesseract.js, in the desktop process. Its WebAssembly core and its
// worker script load from node_modules (tesseract.js-core), and the language data from the
// @tesseract.js-data/LANG package: nothing is fetched at run time, and with cacheMethod
// 'none' nothing is read from or written to the current folder either (tesseract.js's
// default caches eng.traineddata in the working directory).
import {createRequire} from 'node:module';
import path from 'node:path';
import Tesseract from 'tesseract.js';
import {backgroundOf, inkBlobs, rebuildLine, type Blob, type Glyph} from './ocr-glyphs.js';
import {encodePng, resize, type RgbImage} from './rgb-image.js';

const require = createRequire(import.meta.url);

export type Recognised = {text: string; confidence: number};

/** The folder of a language's data, or a message saying which package to install. */
export function languageFolder(lang: string): string {
	const name = `@tesseract.js-data/${lang.split('_')[0]}`;
	let manifest: string;
	try {
		manifest = require.resolve(`${name}/package.json`);
	} catch {
		throw new Error(`no OCR data for language "${lang}": install it with npm install ${name} (English, eng, comes with opsdesk)`);
	}
	// LSTM-only integer models: a third of the download-size of the default data and as exact on screen text.
	return path.join(path.dirname(manifest), '4.0.0_best_int');
}

/** One blob's columns (the whole line's rows) alone on a margin of background, for reading it apart from its neighbours. */
function blobImage(image: RgbImage, blob: Blob, rows: {y0: number; y1: number}, background: [number, number, number]): RgbImage {
	const margin = 8;
	const width = blob.x1 - blob.x0 + 2 * margin;
	const height = rows.y1 - rows.y0 + 2 * margin;
	const data = new Uint8Array(width * height * 3);
	for (let at = 0; at < data.length; at += 3) data.set(background, at);
	for (let y = rows.y0; y < rows.y1; y++) data.set(image.data.subarray((y * image.width + blob.x0) * 3, (y * image.width + blob.x1) * 3), ((y - rows.y0 + margin) * width + margin) * 3);
	return {width, height, data};
}

const entities: Record<string, string> = {'&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'"};
const unescape = (text: string) => text.replace(/&(?:amp|lt|gt|quot|#39);/gu, entity => entities[entity]!);

/**
 * The glyphs of tesseract's hOCR (`hocr_char_boxes`), each with the other characters its
 * text model weighed at that place (`lstm_choice_mode` 2), most likely first.
 */
export function hocrGlyphs(hocr: string, scale: number): Glyph[] {
	const glyphs: Glyph[] = [];
	for (const match of hocr.matchAll(/title='(?:x_bboxes (\d+) \d+ (\d+) \d+; x_conf ([\d.]+)|x_confs ([\d.]+))'>([^<]*)<\/span>/gu)) {
		const text = unescape(match[5]!);
		if (match[1] !== undefined) glyphs.push({text, confidence: Number(match[3]), x0: Number(match[1]) / scale, x1: Number(match[2]) / scale, choices: []});
		else glyphs.at(-1)?.choices.push({text, confidence: Number(match[4])});
	}
	return glyphs;
}

/** One line rebuilt from its ink and the glyphs tesseract placed on it (./ocr-glyphs.ts); words split where the ink has a wide gap. */
async function codeText(glyphs: Glyph[], image: RgbImage, scale: number, allowed: string, readAlone: (image: RgbImage) => Promise<string>): Promise<string> {
	const blobs = inkBlobs(image);
	const height = blobs.length > 0 ? Math.max(...blobs.map(blob => blob.y1 - blob.y0)) : 0;
	const rows = {y0: Math.max(0, Math.min(...blobs.map(blob => blob.y0)) - 1), y1: Math.min(image.height, Math.max(...blobs.map(blob => blob.y1)) + 1)};
	const background = backgroundOf(image).rgb;
	const words: Blob[][] = [];
	for (const blob of blobs) {
		const last = words.at(-1)?.at(-1);
		if (last && blob.x0 - last.x1 < 0.35 * height) words.at(-1)!.push(blob);
		else words.push([blob]);
	}
	const texts: string[] = [];
	for (const word of words) {
		const inside = glyphs.filter(glyph => (glyph.x0 + glyph.x1) / 2 >= word[0]!.x0 - 2 && (glyph.x0 + glyph.x1) / 2 <= word.at(-1)!.x1 + 2);
		const alone = async (blob: Blob) => [...(await readAlone(resize(blobImage(image, blob, rows, background), scale)))].filter(char => allowed.includes(char)).join('');
		texts.push(await rebuildLine(inside, word, allowed, alone));
	}
	return texts.filter(Boolean).join(' ');
}

/** Text this many pixels high or less is one line (tesseract's page layout analysis misreads a lone short line). */
const singleLineHeight = 48;

/**
 * One tesseract worker per language, started on first use (or when a robot that reads starts)
 * and kept warm for every later read in this desktop process.
 */
export class Ocr {
	private readonly workers = new Map<string, Promise<Tesseract.Worker>>();
	private readonly parameters = new Map<string, string>();

	warm(lang: string): Promise<Tesseract.Worker> {
		let worker = this.workers.get(lang);
		if (!worker) {
			const langPath = languageFolder(lang);
			worker = Tesseract.createWorker(lang, Tesseract.OEM.LSTM_ONLY, {langPath, cacheMethod: 'none', gzip: true, errorHandler: () => {}});
			worker.catch(() => this.workers.delete(lang));
			this.workers.set(lang, worker);
		}
		return worker;
	}

	/**
	 * Recognises the text in an image. Screen text is small (a 14 px font has 10 px capitals)
	 * and tesseract reads best near 20: small text is enlarged twice first.
	 */
	async recognize(image: RgbImage, options: {lang: string; chars?: string}, signal?: AbortSignal): Promise<Recognised> {
		const worker = await this.warm(options.lang);
		const scale = image.height <= 200 ? 2 : 1;
		const singleLine = image.height <= singleLineHeight;
		const asCode = Boolean(options.chars) && singleLine;
		const wanted = {
			tessedit_pageseg_mode: singleLine ? Tesseract.PSM.SINGLE_LINE : Tesseract.PSM.AUTO,
			tessedit_char_whitelist: options.chars ?? '',
			hocr_char_boxes: asCode ? '1' : '0',
			lstm_choice_mode: asCode ? '2' : '0',
		};
		const changed = Object.entries(wanted).filter(([name, value]) => this.parameters.get(`${options.lang}:${name}`) !== value);
		if (changed.length > 0) {
			await worker.setParameters(Object.fromEntries(changed) as Partial<Tesseract.WorkerParams>);
			for (const [name, value] of changed) this.parameters.set(`${options.lang}:${name}`, value);
		}
		const onAbort = () => void this.stop(options.lang);
		signal?.addEventListener('abort', onAbort, {once: true});
		try {
			const result = await worker.recognize(encodePng(scale === 1 ? image : resize(image, scale), 0), {}, {text: true, hocr: asCode});
			if (signal?.aborted) throw new Error('stopped: the step timed out');
			const readAlone = async (piece: RgbImage) => (await worker.recognize(encodePng(piece, 0), {}, {text: true})).data.text.trim();
			const text = asCode && result.data.hocr ? await codeText(hocrGlyphs(result.data.hocr, scale), image, scale, options.chars!, readAlone) : result.data.text;
			// Lines as they stand on the screen: tesseract separates its paragraphs with a blank line.
			return {text: text.replace(/\n\s*\n/gu, '\n').replace(/\s+$/u, '').replace(/^\s+/u, ''), confidence: result.data.confidence};
		} finally {
			signal?.removeEventListener('abort', onAbort);
		}
	}

	/** Ends a language's worker mid-recognition (a step timed out); the next read starts a new one. */
	private async stop(lang: string): Promise<void> {
		const worker = this.workers.get(lang);
		this.workers.delete(lang);
		for (const key of [...this.parameters.keys()]) if (key.startsWith(`${lang}:`)) this.parameters.delete(key);
		await (await worker?.catch(() => undefined))?.terminate().catch(() => {});
	}

	async close(): Promise<void> {
		await Promise.all([...this.workers.keys()].map(lang => this.stop(lang)));
	}
}
