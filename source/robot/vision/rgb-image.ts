import {PNG} from 'pngjs';

/** Pixels as the matcher and OCR take them: 3 bytes a pixel (red, green, blue), rows packed. */
export type RgbImage = {width: number; height: number; data: Uint8Array};

/** A rectangle on the screen (or in an image), in pixels. */
export type Box = {x: number; y: number; width: number; height: number};

/** A PNG's size from its header (IHDR), read before decoding: a small file may claim gigapixels. */
export function pngSize(png: Uint8Array): {width: number; height: number} | undefined {
	if (png.length < 24 || png[12] !== 0x49 || png[13] !== 0x48 || png[14] !== 0x44 || png[15] !== 0x52) return undefined;
	const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
	return {width: view.getUint32(16), height: view.getUint32(20)};
}

/** The most pixels a template may have: a button or a label, never a wallpaper. */
export const maxTemplateSide = 2048;

/**
 * A PNG's pixels. Transparent pixels count as the colour they hold: a template cut from a
 * screenshot is opaque, and pyautogui and OpenCV ignore alpha the same way.
 */
export function decodePng(png: Uint8Array, maxSide = 8192): RgbImage {
	const size = pngSize(png);
	if (!size) throw new Error('not a PNG image');
	if (size.width > maxSide || size.height > maxSide) throw new Error(`is ${size.width}×${size.height}; at most ${maxSide} pixels a side`);
	const decoded = PNG.sync.read(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
	const data = new Uint8Array(decoded.width * decoded.height * 3);
	for (let from = 0, to = 0; from < decoded.data.length; from += 4, to += 3) {
		data[to] = decoded.data[from]!;
		data[to + 1] = decoded.data[from + 1]!;
		data[to + 2] = decoded.data[from + 2]!;
	}
	return {width: decoded.width, height: decoded.height, data};
}

/** An opaque PNG; `level` 1 because screenshots are written while a robot waits. */
export function encodePng(image: RgbImage, level = 1): Buffer {
	const png = new PNG({width: image.width, height: image.height, deflateLevel: level});
	for (let from = 0, to = 0; from < image.data.length; from += 3, to += 4) {
		png.data[to] = image.data[from]!;
		png.data[to + 1] = image.data[from + 1]!;
		png.data[to + 2] = image.data[from + 2]!;
		png.data[to + 3] = 255;
	}
	return PNG.sync.write(png, {deflateLevel: level});
}

/** Raw pixels as nut-js grabs them (BGR or RGB, 3 or 4 channels, padded rows) as RGB. */
export function fromRaw(raw: {width: number; height: number; data: Uint8Array; channels: number; byteWidth: number; bgr: boolean}): RgbImage {
	const {width, height, channels, byteWidth} = raw;
	const data = new Uint8Array(width * height * 3);
	const red = raw.bgr ? 2 : 0;
	const blue = raw.bgr ? 0 : 2;
	for (let y = 0; y < height; y++) {
		let from = y * byteWidth;
		let to = y * width * 3;
		for (let x = 0; x < width; x++, from += channels, to += 3) {
			data[to] = raw.data[from + red]!;
			data[to + 1] = raw.data[from + 1]!;
			data[to + 2] = raw.data[from + blue]!;
		}
	}
	return {width, height, data};
}

export function crop(image: RgbImage, box: Box): RgbImage {
	const data = new Uint8Array(box.width * box.height * 3);
	for (let y = 0; y < box.height; y++) {
		const from = ((box.y + y) * image.width + box.x) * 3;
		data.set(image.data.subarray(from, from + box.width * 3), y * box.width * 3);
	}
	return {width: box.width, height: box.height, data};
}

/** The part of `box` that lies inside a `width`×`height` image, or undefined when none does. */
export function clip(box: Box, width: number, height: number): Box | undefined {
	const x = Math.max(0, box.x);
	const y = Math.max(0, box.y);
	const right = Math.min(width, box.x + box.width);
	const bottom = Math.min(height, box.y + box.height);
	return right > x && bottom > y ? {x, y, width: right - x, height: bottom - y} : undefined;
}

/** Resized by `scale` (area average when shrinking, bilinear when growing), for multi-scale search and OCR. */
export function resize(image: RgbImage, scale: number): RgbImage {
	const width = Math.max(1, Math.round(image.width * scale));
	const height = Math.max(1, Math.round(image.height * scale));
	const data = new Uint8Array(width * height * 3);
	const source = image.data;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const to = (y * width + x) * 3;
			if (scale < 1) {
				const x0 = Math.floor(x / scale);
				const y0 = Math.floor(y / scale);
				const x1 = Math.max(x0 + 1, Math.min(image.width, Math.floor((x + 1) / scale)));
				const y1 = Math.max(y0 + 1, Math.min(image.height, Math.floor((y + 1) / scale)));
				for (let channel = 0; channel < 3; channel++) {
					let sum = 0;
					for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) sum += source[(yy * image.width + xx) * 3 + channel]!;
					data[to + channel] = Math.round(sum / ((x1 - x0) * (y1 - y0)));
				}
			} else {
				const sx = Math.min(image.width - 1, Math.max(0, (x + 0.5) / scale - 0.5));
				const sy = Math.min(image.height - 1, Math.max(0, (y + 0.5) / scale - 0.5));
				const x0 = Math.floor(sx);
				const y0 = Math.floor(sy);
				const x1 = Math.min(image.width - 1, x0 + 1);
				const y1 = Math.min(image.height - 1, y0 + 1);
				const fx = sx - x0;
				const fy = sy - y0;
				for (let channel = 0; channel < 3; channel++) {
					const at = (xx: number, yy: number) => source[(yy * image.width + xx) * 3 + channel]!;
					data[to + channel] = Math.round(at(x0, y0) * (1 - fx) * (1 - fy) + at(x1, y0) * fx * (1 - fy) + at(x0, y1) * (1 - fx) * fy + at(x1, y1) * fx * fy);
				}
			}
		}
	}
	return {width, height, data};
}

/** The colour at a point as `#rrggbb`, how pixel steps store it. */
export function colourAt(image: RgbImage, x: number, y: number): string {
	const at = (y * image.width + x) * 3;
	return `#${[image.data[at]!, image.data[at + 1]!, image.data[at + 2]!].map(value => value.toString(16).padStart(2, '0')).join('')}`;
}

/** A copy with a 2-pixel red rectangle around `box` (kept inside the image), for failure screenshots. */
export function outline(image: RgbImage, box: Box): RgbImage {
	const marked = {width: image.width, height: image.height, data: Uint8Array.from(image.data)};
	const paint = (x: number, y: number) => {
		if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
		const at = (y * image.width + x) * 3;
		marked.data[at] = 255;
		marked.data[at + 1] = 0;
		marked.data[at + 2] = 0;
	};
	for (let ring = 1; ring <= 2; ring++) {
		const left = box.x - ring;
		const top = box.y - ring;
		const right = box.x + box.width - 1 + ring;
		const bottom = box.y + box.height - 1 + ring;
		for (let x = left; x <= right; x++) {
			paint(x, top);
			paint(x, bottom);
		}
		for (let y = top; y <= bottom; y++) {
			paint(left, y);
			paint(right, y);
		}
	}
	return marked;
}
