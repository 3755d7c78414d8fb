import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type {ImageRef} from './looks.js';
import {robotImages, type Robot, type RobotProblem} from './robot.js';
import {isFlat} from './vision/match.js';
import {decodePng, maxTemplateSide, pngSize} from './vision/rgb-image.js';

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A template is a button or a label, not a wallpaper: this keeps a wrong file from costing seconds a look. */
const maxImageBytes = 4 * 1024 * 1024;

export type RobotImages = {images: Map<string, ImageRef>; problems: RobotProblem[]};

/**
 * Reads every image a robot looks for from beside its file and checks each is a PNG that can
 * be matched (not empty, not one flat colour). A problem points at the first step naming it.
 */
export function loadRobotImages(robot: Robot, file: string): RobotImages {
	const images = new Map<string, ImageRef>();
	const problems: RobotProblem[] = [];
	const folder = path.dirname(path.resolve(file));
	for (const {image, step} of robotImages(robot.steps)) {
		const problem = (message: string) => problems.push({file, line: step.line, step: {number: step.number, name: step.step}, message: `${image}: ${message}`});
		const where = path.join(folder, image);
		let png: Buffer;
		try {
			const stat = fs.statSync(where);
			if (!stat.isFile()) {
				problem(`is not a file (${where})`);
				continue;
			}
			if (stat.size > maxImageBytes) {
				problem(`is ${(stat.size / 1024 / 1024).toFixed(1)} MB; an image to look for may be at most 4 MB`);
				continue;
			}
			png = fs.readFileSync(where);
		} catch (error) {
			problem((error as NodeJS.ErrnoException).code === 'ENOENT' ? `no such file beside the robot (looked for ${where})` : `cannot read it: ${(error as Error).message}`);
			continue;
		}
		if (png.length < 8 || !png.subarray(0, 8).equals(pngSignature)) {
			problem('is not a PNG image (save the cut-out as .png)');
			continue;
		}
		try {
			const size = pngSize(png);
			if (size && (size.width > maxTemplateSide || size.height > maxTemplateSide)) {
				problem(`is ${size.width}×${size.height}; an image to look for may be at most ${maxTemplateSide} pixels a side`);
				continue;
			}
			const decoded = decodePng(png, maxTemplateSide);
			if (decoded.width < 3 || decoded.height < 3) problem(`is ${decoded.width}×${decoded.height}; too small to tell apart from anything else`);
			else if (isFlat(decoded)) problem('is one flat colour, which matches nothing: cut it with an edge or some text inside');
			else images.set(image, {name: image, key: crypto.createHash('sha256').update(png).digest('hex'), png: new Uint8Array(png)});
		} catch (error) {
			problem(`is a broken PNG: ${(error as Error).message}`);
		}
	}
	return {images, problems};
}

/** Images as a lookup for the runner. */
export function imageStore(images: Iterable<ImageRef>): (name: string) => ImageRef | undefined {
	const byName = new Map([...images].map(image => [image.name, image]));
	return name => byName.get(name);
}
