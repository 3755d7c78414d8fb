import fs from 'node:fs';
import path from 'node:path';
import {PNG} from 'pngjs';

/** A small PNG of a "button": a dark frame with a stripe, or one flat colour. */
export function writeButton(folder: string, name: string, options: {flat?: boolean; width?: number; height?: number} = {}): string {
	const width = options.width ?? 24;
	const height = options.height ?? 12;
	const png = new PNG({width, height});
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const edge = !options.flat && (x === 0 || y === 0 || x === width - 1 || y === height - 1 || (y === 5 && x > 4 && x < 18));
			png.data.set(edge ? [20, 20, 20, 255] : [210, 210, 210, 255], (y * width + x) * 4);
		}
	}
	const file = path.join(folder, name);
	fs.mkdirSync(path.dirname(file), {recursive: true});
	fs.writeFileSync(file, PNG.sync.write(png));
	return file;
}
