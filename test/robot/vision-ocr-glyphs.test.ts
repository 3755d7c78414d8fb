import {describe, expect, it} from 'vitest';
import {inkBlobs, rebuildLine, type Blob, type Glyph} from '../../source/robot/vision/ocr-glyphs.js';
import {hocrGlyphs} from '../../source/robot/vision/ocr.js';
import type {RgbImage} from '../../source/robot/vision/rgb-image.js';

/** A grey label with dark rectangles of "ink" (x0, y0, x1, y1, exclusive ends). */
function label(width: number, height: number, inks: Array<[number, number, number, number]>): RgbImage {
	const data = new Uint8Array(width * height * 3).fill(217);
	for (const [x0, y0, x1, y1] of inks) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data.set([20, 20, 20], (y * width + x) * 3);
	return {width, height, data};
}

const glyph = (text: string, x0: number, x1: number, choices: Array<[string, number]> = [[text, 90]]): Glyph =>
	({text, confidence: 90, x0, x1, choices: choices.map(([choice, confidence]) => ({text: choice, confidence}))});

describe('OCR glyphs rebuilt from the ink', () => {
	it('splits two glyphs that touch only below the baseline (the hook of a J under a K), giving the hook to the J', () => {
		// Three glyphs standing on the baseline (row 10), then a K-like body at 20-23 and a J whose stem (25-27) descends to row 12 and hooks left under the K.
		const image = label(40, 16, [[2, 2, 5, 10], [8, 2, 11, 10], [14, 2, 17, 10], [20, 2, 23, 10], [25, 2, 27, 12], [21, 10, 27, 12]]);
		expect(inkBlobs(image).map(blob => [blob.x0, blob.x1])).toEqual([[2, 5], [8, 11], [14, 17], [20, 23], [23, 27]]);
	});

	it('keeps a glyph that lies wholly under the baseline (an underscore) whole', () => {
		const image = label(40, 16, [[2, 2, 5, 10], [6, 10, 12, 11], [14, 2, 17, 10], [20, 2, 23, 10]]);
		expect(inkBlobs(image).map(blob => [blob.x0, blob.x1])).toEqual([[2, 5], [6, 12], [14, 17], [20, 23]]);
	});

	it('reads tesseract hOCR glyphs with their boxes (at the image scale) and the characters weighed at each', () => {
		const hocr = `<span class='ocrx_word' id='word_1_1' title='bbox 14 18 166 38; x_wconf 24'>
     <span class='ocrx_cinfo' title='x_bboxes 14 18 30 38; x_conf 99.037819'>R</span>
      <span class='ocrx_cinfo' id='lstm_choices_1_1_1'>
       <span class='ocrx_cinfo' id='choice_1_1_1' title='x_confs 92.339134'>R</span>
       <span class='ocrx_cinfo' id='choice_1_1_2' title='x_confs 0'>A</span>
      </span>
     <span class='ocrx_cinfo' title='x_bboxes 34 18 48 38; x_conf 93.830544'>B</span>
      <span class='ocrx_cinfo' id='lstm_choices_1_1_2'>
       <span class='ocrx_cinfo' id='choice_1_1_6' title='x_confs 77.833977'>B</span>
       <span class='ocrx_cinfo' id='choice_1_1_7' title='x_confs 59.281696'>8</span>
      </span>
     <span class='ocrx_cinfo' title='x_bboxes 50 18 60 38; x_conf 80'>&amp;</span></span>`;
		expect(hocrGlyphs(hocr, 2)).toEqual([
			{text: 'R', confidence: 99.037819, x0: 7, x1: 15, choices: [{text: 'R', confidence: 92.339134}, {text: 'A', confidence: 0}]},
			{text: 'B', confidence: 93.830544, x0: 17, x1: 24, choices: [{text: 'B', confidence: 77.833977}, {text: '8', confidence: 59.281696}]},
			{text: '&', confidence: 80, x0: 25, x1: 30, choices: []},
		]);
	});

	const blobs: Blob[] = [{x0: 0, x1: 8, y0: 0, y1: 10}, {x0: 10, x1: 18, y0: 0, y1: 10}, {x0: 20, x1: 28, y0: 0, y1: 10}];
	const allowed = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

	it('lets a glyph read on its own settle between a letter and a digit the line reading weighed', async () => {
		const line = [glyph('R', 0, 8), glyph('B', 10, 18, [['B', 77], ['8', 59]]), glyph('X', 20, 28)];
		const asked: number[] = [];
		const text = await rebuildLine(line, blobs, allowed, async blob => {
			asked.push(blob.x0);
			return '8';
		});
		expect(text).toBe('R8X');
		// Glyphs the line reading is sure of are not read again.
		expect(asked).toEqual([10]);
	});

	it('does not take a reading on its own that the line reading did not weigh at all', async () => {
		const line = [glyph('R', 0, 8), glyph('3', 10, 18, [['3', 90], ['B', 0]]), glyph('X', 20, 28)];
		expect(await rebuildLine(line, blobs, allowed, async () => 'B')).toBe('R3X');
	});

	it('keeps ink the line reading skipped, as read on its own (a J at the end of a line)', async () => {
		const line = [glyph('R', 0, 8), glyph('K', 10, 18)];
		expect(await rebuildLine(line, blobs, allowed, async blob => (blob.x0 === 20 ? 'J' : '?'))).toBe('RKJ');
	});

	it('counts once a glyph the line read twice when the blob alone reads as one of the two (a W read IW)', async () => {
		const wide: Blob[] = [{x0: 0, x1: 8, y0: 0, y1: 10}, {x0: 10, x1: 22, y0: 0, y1: 10}, {x0: 24, x1: 32, y0: 0, y1: 10}];
		const line = [glyph('S', 0, 8), glyph('I', 10, 14), glyph('W', 12, 22), glyph('G', 24, 32)];
		expect(await rebuildLine(line, wide, allowed, async blob => (blob.x0 === 10 ? 'W' : ''))).toBe('SWG');
	});
});
