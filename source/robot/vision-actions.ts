import {formatDuration} from './durations.js';
import type {DesktopDriver, Place} from './driver.js';
import {LookFailed, type FoundImage, type ImageRef, type ImageSearch, type LookAnswer, type LookArea, type ScreenLook, type TextArea} from './looks.js';
import {regexMatches} from './regex-check.js';
import {matchFields} from './robot.js';
import type {Step} from './steps.js';
import type {TemplateContext} from './templates.js';
import {isImageLocator, type ImageLocator, type ReadArea, type SearchArea, type Target, type VisionAction} from './vision-steps.js';

/** The PNG a robot names, from beside its file (`robot run`) or from its job. */
export type ImageStore = (name: string) => ImageRef | undefined;

export type LookOptions = {
	driver: DesktopDriver;
	images: ImageStore;
	fill: (text: string) => string;
	signal: AbortSignal;
	/** Where a failed look saves its screenshot: only on the step's last try. */
	failureShot?: string;
};

/** What a dry run stores where a look would have stored what it saw. */
export const notLooked = '(dry run: not looked)';

function imageRef(name: string, images: ImageStore): ImageRef {
	const image = images(name);
	if (!image) throw new Error(`${name} was not found beside the robot file when it was loaded (run opsdesk robot check)`);
	return image;
}

function lookArea(area: SearchArea | undefined, fill: (text: string) => string): LookArea | undefined {
	if (!area) return undefined;
	return 'window' in area ? {window: fill(area.window)} : area;
}

export function imageSearch(locator: ImageLocator, options: Pick<LookOptions, 'images' | 'fill'>): ImageSearch {
	const within = lookArea(locator.within, options.fill);
	return {image: imageRef(locator.image, options.images), confidence: locator.confidence, ...(within ? {within} : {}), ...(locator.scales ? {scales: locator.scales} : {})};
}

function textArea(area: ReadArea | undefined, options: LookOptions): TextArea | undefined {
	if (!area) return undefined;
	if ('anchor' in area) return {anchor: imageSearch(area.anchor, options), anchorWaitMs: area.anchor.waitMs, offset: area.offset, size: area.size};
	return lookArea(area, options.fill);
}

async function look<Kind extends LookAnswer['look']>(look: ScreenLook & {look: Kind}, options: LookOptions): Promise<(LookAnswer & {look: Kind}) | undefined> {
	const answer = await options.driver.look(options.failureShot ? {...look, failureShot: options.failureShot} : look, options.signal);
	return answer as (LookAnswer & {look: Kind}) | undefined;
}

export function describeMatch(found: FoundImage, others = 0): string {
	const scale = found.scale === 1 ? '' : `, scale ${found.scale}`;
	const more = others > 0 ? `; ${others} other place${others === 1 ? '' : 's'} also match` : '';
	return `at ${found.x},${found.y} ${found.width}×${found.height} (score ${found.score.toFixed(3)}${scale})${more}`;
}

/** Where a pointer step acts: the point, or the centre (plus offset) of the image's best match. */
export async function resolveTarget(target: Target, options: LookOptions): Promise<{place: Place; said?: string}> {
	if (!isImageLocator(target)) return {place: target};
	const answer = await look({look: 'image', search: imageSearch(target, options), until: 'seen', waitMs: target.waitMs}, options);
	if (!answer) return {place: {image: target.image}};
	const best = answer.best!;
	const place = {x: best.x + Math.floor(best.width / 2) + target.offset.x, y: best.y + Math.floor(best.height / 2) + target.offset.y};
	return {place, said: `${target.image} found ${describeMatch(best, answer.others)}`};
}

function storeMatch(context: TemplateContext, name: string, found: FoundImage | undefined): void {
	const values: Record<(typeof matchFields)[number], string> = found
		? {x: String(found.x), y: String(found.y), width: String(found.width), height: String(found.height), centerX: String(found.x + Math.floor(found.width / 2)), centerY: String(found.y + Math.floor(found.height / 2)), score: found.score.toFixed(3)}
		: Object.fromEntries(matchFields.map(field => [field, notLooked])) as Record<(typeof matchFields)[number], string>;
	for (const field of matchFields) context.vars[`${name}.${field}`] = values[field];
}

function describeArea(area: ReadArea | undefined): string {
	if (!area) return 'on the whole screen';
	if ('anchor' in area) return `beside ${area.anchor.image}`;
	if ('window' in area) return `in window "${area.window}"`;
	return `in ${area.region.x},${area.region.y} ${area.region.width}×${area.region.height}`;
}

/** find, waitForImage, waitUntilGone, read, waitForText, pixel, waitForPixel. */
export async function performVisionStep(step: Step & VisionAction, context: TemplateContext, options: LookOptions): Promise<{message: string}> {
	switch (step.step) {
		case 'find':
		case 'waitForImage': {
			const waitMs = step.step === 'find' ? step.locator.waitMs : step.withinMs;
			const answer = await look({look: 'image', search: imageSearch(step.locator, options), until: 'seen', waitMs}, options);
			const name = step.as;
			if (name) storeMatch(context, name, answer?.best);
			if (!answer) return {message: `would look for ${step.locator.image}${name ? `; vars.${name} holds ${notLooked}` : ''}`};
			const waited = step.step === 'waitForImage' ? ` after ${formatDuration(answer.elapsedMs)}` : '';
			return {message: `${step.locator.image} found ${describeMatch(answer.best!, answer.others)}${waited}${name ? ` into vars.${name}` : ''}`};
		}
		case 'waitUntilGone': {
			const answer = await look({look: 'image', search: imageSearch(step.locator, options), until: 'gone', waitMs: step.withinMs}, options);
			if (!answer) return {message: `would wait until ${step.locator.image} is gone`};
			const best = answer.best ? ` (best score now ${answer.best.score.toFixed(3)})` : '';
			return {message: `${step.locator.image} is gone after ${formatDuration(answer.elapsedMs)}${best}`};
		}
		case 'read': {
			const area = textArea(step.area, options);
			const answer = await look({look: 'text', ...(area ? {area} : {}), lang: step.lang, ...(step.chars ? {chars: step.chars} : {}), waitMs: 0}, options);
			context.vars[step.as] = answer ? answer.text : notLooked;
			if (!answer) return {message: `would read the text ${describeArea(step.area)} into vars.${step.as}`};
			return {message: `read ${JSON.stringify(answer.text)} (confidence ${Math.round(answer.confidence)}%) ${describeArea(step.area)} into vars.${step.as}`};
		}
		case 'waitForText': {
			const area = textArea(step.area, options);
			const expect = step.text !== undefined ? {text: options.fill(step.text)} : {matches: options.fill(step.matches!)};
			const answer = await look({look: 'text', ...(area ? {area} : {}), lang: step.lang, waitMs: step.withinMs, expect}, options);
			if (step.as) context.vars[step.as] = answer ? answer.text : notLooked;
			const wanted = expect.text !== undefined ? JSON.stringify(expect.text) : `/${expect.matches}/`;
			if (!answer) return {message: `would wait for text ${wanted} ${describeArea(step.area)}`};
			return {message: `saw ${wanted} after ${formatDuration(answer.elapsedMs)} in ${JSON.stringify(answer.text)} (confidence ${Math.round(answer.confidence)}%)`};
		}
		case 'pixel': {
			const answer = await look({look: 'pixel', at: step.at, waitMs: 0, tolerance: 0}, options);
			context.vars[step.as] = answer ? answer.colour : notLooked;
			return {message: answer ? `${step.at.x},${step.at.y} is ${answer.colour} into vars.${step.as}` : `would read the colour at ${step.at.x},${step.at.y}`};
		}
		case 'waitForPixel': {
			const answer = await look({look: 'pixel', at: step.at, waitMs: step.withinMs, colour: step.colour, tolerance: step.tolerance}, options);
			if (!answer) return {message: `would wait until ${step.at.x},${step.at.y} is ${step.colour}`};
			return {message: `${step.at.x},${step.at.y} is ${answer.colour} after ${formatDuration(answer.elapsedMs)}`};
		}
	}
}

/** Whether a text holds what waitForText waits for: contains the text, or matches the pattern. */
export async function textExpected(text: string, expect: {text?: string; matches?: string}, signal?: AbortSignal): Promise<boolean> {
	if (expect.text !== undefined) return text.includes(expect.text);
	return regexMatches(expect.matches!, text, {limitMs: 1000, signal});
}

export {LookFailed};
