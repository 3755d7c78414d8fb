import fs from 'node:fs';
import {PNG} from 'pngjs';

/** The pixels of a PNG file, or why it cannot be shown. */
export function readScreenshot(file: string): {png: PNG} | {error: string} {
	try {
		return {png: PNG.sync.read(fs.readFileSync(file))};
	} catch (error) {
		return {error: `cannot show ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`};
	}
}

const shades = ' .:-=+*#%@';

/**
 * A picture in a terminal: each cell is two pixels stacked, drawn as `▀` with the upper
 * pixel as the foreground and the lower as the background (24-bit colour). Without colour
 * (NO_COLOR) each cell is a shade character for its brightness. The picture keeps its
 * aspect ratio inside `columns` × `rows` cells.
 */
export function screenshotLines(png: {width: number; height: number; data: Buffer}, columns: number, rows: number, color: boolean): string[] {
	// Never enlarged: a small picture stays small.
	const scale = Math.max(1, png.width / Math.max(1, columns), png.height / Math.max(1, rows * 2));
	const cellsWide = Math.max(1, Math.floor(png.width / scale));
	const cellsHigh = Math.max(1, Math.floor(png.height / scale / 2));
	const pixel = (x: number, y: number) => {
		const offset = (Math.min(png.height - 1, Math.floor(y * scale)) * png.width + Math.min(png.width - 1, Math.floor(x * scale))) * 4;
		return [png.data[offset]!, png.data[offset + 1]!, png.data[offset + 2]!] as const;
	};
	const lines: string[] = [];
	for (let row = 0; row < cellsHigh; row++) {
		let line = '';
		for (let column = 0; column < cellsWide; column++) {
			const top = pixel(column, row * 2);
			const bottom = pixel(column, row * 2 + 1);
			if (color) line += `\u001B[38;2;${top.join(';')}m\u001B[48;2;${bottom.join(';')}m▀`;
			else {
				const brightness = (top[0] + top[1] + top[2] + bottom[0] + bottom[1] + bottom[2]) / (6 * 255);
				line += shades[Math.min(shades.length - 1, Math.floor(brightness * shades.length))];
			}
		}
		lines.push(color ? `${line}\u001B[0m` : line);
	}
	return lines;
}
