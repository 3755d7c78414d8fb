// The coarse stage of ./match.ts: grey means over overlapping cells pick the places worth
// scoring exactly. A beam over two levels (f, then f/2) keeps a screen full of text, which
// blurs into look-alikes at the coarse level, from crowding out the real match.
import type {Box, RgbImage} from './rgb-image.js';

/** What the coarse stage needs of a template: its grey (r+g+b) pixels. */
type GreyTemplate = {width: number; height: number; gray: Float64Array};

/** Summed-area table of a grey image: any box's sum in four lookups. */
type Integral = {width: number; height: number; sums: Float64Array};

function integral(gray: Float64Array, width: number, height: number): Integral {
	const stride = width + 1;
	const sums = new Float64Array(stride * (height + 1));
	for (let y = 0; y < height; y++) {
		let row = 0;
		const above = y * stride;
		const here = (y + 1) * stride;
		const from = y * width;
		for (let x = 0; x < width; x++) {
			row += gray[from + x]!;
			sums[here + x + 1] = sums[above + x + 1]! + row;
		}
	}
	return {width, height, sums};
}

/**
 * Grey means over 2f×2f windows, one every f pixels: twice the block, so a match that lies
 * between two blocks (up to f/2 off the grid) still correlates well at the coarse level.
 */
function smoothBlocks(table: Integral, factor: number): Cells {
	const {width, height, sums} = table;
	const stride = width + 1;
	const columns = Math.floor(width / factor);
	const rows = Math.floor(height / factor);
	const values = new Float64Array(columns * rows);
	const half = Math.floor(factor / 2);
	for (let by = 0; by < rows; by++) {
		const y0 = Math.max(0, by * factor - half);
		const y1 = Math.min(height, by * factor + factor + half);
		for (let bx = 0; bx < columns; bx++) {
			const x0 = Math.max(0, bx * factor - half);
			const x1 = Math.min(width, bx * factor + factor + half);
			const sum = sums[y1 * stride + x1]! - sums[y0 * stride + x1]! - sums[y1 * stride + x0]! + sums[y0 * stride + x0]!;
			values[by * columns + bx] = sum / ((x1 - x0) * (y1 - y0));
		}
	}
	return {width: columns, height: rows, values};
}

/** The grey (r+g+b) integral of a part of the screen. */
function areaIntegral(screen: RgbImage, area: Box): Integral {
	const gray = new Float64Array(area.width * area.height);
	const pixels = screen.data;
	for (let y = 0; y < area.height; y++) {
		let from = ((area.y + y) * screen.width + area.x) * 3;
		const row = y * area.width;
		for (let x = 0; x < area.width; x++, from += 3) gray[row + x] = pixels[from]! + pixels[from + 1]! + pixels[from + 2]!;
	}
	return integral(gray, area.width, area.height);
}

/**
 * The template's cells whose whole window lies inside it (from the second cell on): a cell at
 * its edge would mix in whatever surrounds the match on the screen.
 */
function templateBlocks(template: GreyTemplate, factor: number): {width: number; height: number; centred: Float64Array; norm2: number} {
	const all = smoothBlocks(integral(template.gray, template.width, template.height), factor);
	const half = Math.floor(factor / 2);
	const inside = (cells: number, side: number) => {
		let count = 0;
		for (let cell = 1; cell < cells && cell * factor + factor + half <= side; cell++) count++;
		return count;
	};
	const width = inside(all.width, template.width);
	const height = inside(all.height, template.height);
	const values = new Float64Array(width * height);
	for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) values[y * width + x] = all.values[(y + 1) * all.width + x + 1]!;
	const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
	let norm2 = 0;
	for (let at = 0; at < values.length; at++) {
		values[at] = values[at]! - mean;
		norm2 += values[at]! * values[at]!;
	}
	return {width, height, centred: values, norm2};
}

type Cells = {width: number; height: number; values: Float64Array};
type TemplateCells = {width: number; height: number; centred: Float64Array; norm2: number};

/** Grey correlation of template cells with screen cells, with window sums from integral images. */
class CellCorrelation {
	private readonly stride: number;
	private readonly sums: Float64Array;
	private readonly squares: Float64Array;

	constructor(readonly image: Cells, readonly small: TemplateCells) {
		this.stride = image.width + 1;
		this.sums = new Float64Array(this.stride * (image.height + 1));
		this.squares = new Float64Array(this.stride * (image.height + 1));
		for (let y = 0; y < image.height; y++) {
			let rowSum = 0;
			let rowSquares = 0;
			for (let x = 0; x < image.width; x++) {
				const value = image.values[y * image.width + x]!;
				rowSum += value;
				rowSquares += value * value;
				this.sums[(y + 1) * this.stride + x + 1] = this.sums[y * this.stride + x + 1]! + rowSum;
				this.squares[(y + 1) * this.stride + x + 1] = this.squares[y * this.stride + x + 1]! + rowSquares;
			}
		}
	}

	get columns(): number {
		return this.image.width - this.small.width + 1;
	}

	get rows(): number {
		return this.image.height - this.small.height + 1;
	}

	score(x: number, y: number): number {
		const {image, small, stride, sums, squares} = this;
		const values = image.values;
		const centred = small.centred;
		let product = 0;
		for (let row = 0; row < small.height; row++) {
			const from = (y + row) * image.width + x;
			const at = row * small.width;
			for (let column = 0; column < small.width; column++) product += centred[at + column]! * values[from + column]!;
		}
		const topLeft = y * stride + x;
		const bottomLeft = (y + small.height) * stride + x;
		const sum = sums[bottomLeft + small.width]! - sums[topLeft + small.width]! - sums[bottomLeft]! + sums[topLeft]!;
		const square = squares[bottomLeft + small.width]! - squares[topLeft + small.width]! - squares[bottomLeft]! + squares[topLeft]!;
		const variance = square - (sum * sum) / (small.width * small.height);
		return variance > 1e-9 && small.norm2 > 1e-9 ? product / Math.sqrt(variance * small.norm2) : 0;
	}
}

/** How many places survive each coarse level: generous at the coarsest, where text blurs into look-alikes. */
const coarseKeep = 160;
const fineKeep = 16;

/**
 * The most promising full-resolution positions: every cell at f×f, the best 160 local maxima
 * looked at again at (f/2)×(f/2) around where they point, the best 16 of those returned.
 */
export function coarseCandidates(screen: RgbImage, template: GreyTemplate, area: Box, factor: number): Array<{x: number; y: number}> {
	const table = areaIntegral(screen, area);
	const coarse = new CellCorrelation(smoothBlocks(table, factor), templateBlocks(template, factor));
	if (coarse.columns <= 0 || coarse.rows <= 0) return [{x: area.x, y: area.y}];
	const scores = new Float64Array(coarse.columns * coarse.rows);
	for (let y = 0; y < coarse.rows; y++) for (let x = 0; x < coarse.columns; x++) scores[y * coarse.columns + x] = coarse.score(x, y);
	const peaks: Array<{x: number; y: number; score: number}> = [];
	for (let y = 0; y < coarse.rows; y++) {
		for (let x = 0; x < coarse.columns; x++) {
			const score = scores[y * coarse.columns + x]!;
			let peak = true;
			for (let dy = -1; dy <= 1 && peak; dy++) {
				for (let dx = -1; dx <= 1; dx++) {
					if ((dx || dy) && x + dx >= 0 && y + dy >= 0 && x + dx < coarse.columns && y + dy < coarse.rows && scores[(y + dy) * coarse.columns + x + dx]! > score) {
						peak = false;
						break;
					}
				}
			}
			if (peak) peaks.push({x, y, score});
		}
	}
	peaks.sort((a, b) => b.score - a.score);
	// The template's first cell is its second block: a match starts one cell before the peak.
	const origins = peaks.slice(0, coarseKeep).map(peak => ({x: Math.max(0, peak.x - 1) * factor, y: Math.max(0, peak.y - 1) * factor, score: peak.score}));
	const half = factor / 2;
	if (half >= 2) {
		const finer = new CellCorrelation(smoothBlocks(table, half), templateBlocks(template, half));
		for (const origin of origins) {
			let best = -2;
			const cellX = origin.x / half + 1;
			const cellY = origin.y / half + 1;
			for (let y = Math.max(0, cellY - 2); y <= Math.min(finer.rows - 1, cellY + 2); y++) {
				for (let x = Math.max(0, cellX - 2); x <= Math.min(finer.columns - 1, cellX + 2); x++) {
					const score = finer.score(x, y);
					if (score > best) {
						best = score;
						origin.x = Math.max(0, x - 1) * half;
						origin.y = Math.max(0, y - 1) * half;
					}
				}
			}
			origin.score = best;
		}
		origins.sort((a, b) => b.score - a.score);
	}
	return origins.slice(0, half >= 2 ? fineKeep : 32).map(origin => ({x: area.x + origin.x, y: area.y + origin.y}));
}

