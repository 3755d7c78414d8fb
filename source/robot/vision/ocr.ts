// Text recognition with tesseract.js, in the desktop process. Its WebAssembly core and its
// worker script load from node_modules (tesseract.js-core), and the language data from the
// @tesseract.js-data/LANG package: nothing is fetched at run time, and with cacheMethod
// 'none' nothing is read from or written to the current folder either (tesseract.js's
// default caches eng.traineddata in the working directory).
import {createRequire} from 'node:module';
import path from 'node:path';
import Tesseract from 'tesseract.js';
import {inkBlobs, rebuildLine, type Blob} from './ocr-glyphs.js';
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

/** One line rebuilt from its ink and the glyphs tesseract placed on it (./ocr-glyphs.ts); words split where the ink has a wide gap. */
function codeText(blocks: Tesseract.Block[], image: RgbImage, scale: number, allowed: string): string {
	const glyphs = blocks.flatMap(block => block.paragraphs.flatMap(paragraph => paragraph.lines.flatMap(line => line.words.flatMap(word => word.symbols))))
		.map(symbol => ({text: symbol.text, confidence: symbol.confidence, x0: symbol.bbox.x0 / scale, x1: symbol.bbox.x1 / scale}));
	const blobs = inkBlobs(image);
	const height = blobs.length > 0 ? Math.max(...blobs.map(blob => blob.y1 - blob.y0)) : 0;
	const words: Blob[][] = [];
	for (const blob of blobs) {
		const last = words.at(-1)?.at(-1);
		if (last && blob.x0 - last.x1 < 0.35 * height) words.at(-1)!.push(blob);
		else words.push([blob]);
	}
	return words.map(word => {
		const inside = glyphs.filter(glyph => (glyph.x0 + glyph.x1) / 2 >= word[0]!.x0 - 2 && (glyph.x0 + glyph.x1) / 2 <= word.at(-1)!.x1 + 2);
		return rebuildLine(inside, word, allowed);
	}).filter(Boolean).join(' ');
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
		const wanted = {
			tessedit_pageseg_mode: singleLine ? Tesseract.PSM.SINGLE_LINE : Tesseract.PSM.AUTO,
			tessedit_char_whitelist: options.chars ?? '',
		};
		const changed = Object.entries(wanted).filter(([name, value]) => this.parameters.get(`${options.lang}:${name}`) !== value);
		if (changed.length > 0) {
			await worker.setParameters(Object.fromEntries(changed) as Partial<Tesseract.WorkerParams>);
			for (const [name, value] of changed) this.parameters.set(`${options.lang}:${name}`, value);
		}
		const onAbort = () => void this.stop(options.lang);
		signal?.addEventListener('abort', onAbort, {once: true});
		try {
			const asCode = Boolean(options.chars) && singleLine;
			const result = await worker.recognize(encodePng(scale === 1 ? image : resize(image, scale), 0), {}, {text: true, blocks: asCode});
			if (signal?.aborted) throw new Error('stopped: the step timed out');
			const text = asCode && result.data.blocks ? codeText(result.data.blocks, image, scale, options.chars!) : result.data.text;
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
