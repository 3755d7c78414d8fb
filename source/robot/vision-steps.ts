import {z} from 'zod';
import {parseDuration} from './durations.js';

export type Point = {x: number; y: number};
export type Region = {x: number; y: number; width: number; height: number};

/** Where to look: a part of the screen, or a window (its title as a glob, like waitForWindow). */
export type SearchArea = {region: Region} | {window: string};

/** A place on screen found by a picture, as pyautogui, TagUI and UiPath's Click Image find it. */
export type ImageLocator = {
	/** A PNG beside the robot file. */
	image: string;
	confidence: number;
	within?: SearchArea;
	/** From the centre of the match to where the step acts. */
	offset: Point;
	/** Template scales to try (1 = as cut); only when asked, because each costs a search. */
	scales?: number[];
	/** How long to wait for the image to appear before failing (0: look once). */
	waitMs: number;
};

/** A point by coordinates, or by image. */
export type Target = Point | ImageLocator;

/** The part of the screen `read` and `waitForText` recognise. */
export type ReadArea =
	| SearchArea
	/** A box placed from an anchor image's top-left corner, for the value beside a label. */
	| {anchor: ImageLocator; offset: Point; size: {width: number; height: number}};

export type VisionAction =
	| {step: 'find'; locator: ImageLocator; as: string}
	| {step: 'waitForImage'; locator: ImageLocator; withinMs: number; as?: string}
	| {step: 'waitUntilGone'; locator: ImageLocator; withinMs: number}
	| {step: 'read'; area: ReadArea; as: string; lang: string; chars?: string}
	| {step: 'waitForText'; area?: ReadArea; text?: string; matches?: string; withinMs: number; lang: string; as?: string}
	| {step: 'pixel'; at: Point; as: string}
	| {step: 'waitForPixel'; at: Point; colour: string; tolerance: number; withinMs: number};

export const defaultConfidence = 0.9;

export const duration = z.unknown().transform((value, context) => {
	const parsed = parseDuration(value);
	if ('error' in parsed) {
		context.addIssue({code: 'custom', message: parsed.error});
		return z.NEVER;
	}
	return parsed.ms;
});

export const coordinate = z.number({error: 'expected a number of pixels'}).int('expected whole pixels').min(0, 'must not be negative');
const shift = z.number({error: 'expected a number of pixels'}).int('expected whole pixels');
export const point = z.strictObject({x: coordinate, y: coordinate});
const offset = z.strictObject({x: shift, y: shift});
const size = z.strictObject({
	width: z.number({error: 'expected a number of pixels'}).int('expected whole pixels').min(1, 'must be at least 1'),
	height: z.number({error: 'expected a number of pixels'}).int('expected whole pixels').min(1, 'must be at least 1'),
});
export const region = z.strictObject({x: coordinate, y: coordinate, width: size.shape.width, height: size.shape.height});
export const variableName = z.string({error: 'expected a variable name'}).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name is letters, digits and _');

/** `button.png`, `images/ok.png`: a PNG beside the robot file, never outside its folder. */
export const imageName = z.string({error: 'expected a PNG file name beside the robot file'})
	.regex(/\.png$/i, 'an image is a .png file')
	.refine(name => !name.startsWith('/') && !name.split(/[\\/]/).includes('..'), 'an image is looked up beside the robot file: no absolute path, no ..');

const windowArea = z.strictObject({window: z.string({error: 'expected a window title'}).min(1, 'expected a window title')});
export const searchArea = z.union([region.transform(box => ({region: box})), windowArea], {error: 'expected {x, y, width, height} or {window: TITLE}'});

const confidence = z.number({error: 'expected a score between 0 and 1'}).min(0.5, 'below 0.5 almost anything matches').max(1, 'at most 1');
const scales = z.array(z.number({error: 'expected a scale such as 0.8'}).min(0.5, 'scales go from 0.5').max(2, 'scales go up to 2'), {error: 'expected a list of scales such as [1, 0.9, 0.8]'})
	.min(1, 'list at least one scale').max(16, 'at most 16 scales');

const locatorFields = {image: imageName, confidence: confidence.optional(), within: searchArea.optional(), scales: scales.optional()};

function locator(fields: {image: string; confidence?: number; within?: SearchArea; scales?: number[]; offset?: Point; wait?: number}): ImageLocator {
	return {
		image: fields.image, confidence: fields.confidence ?? defaultConfidence, offset: fields.offset ?? {x: 0, y: 0}, waitMs: fields.wait ?? 0,
		...(fields.within ? {within: fields.within} : {}), ...(fields.scales ? {scales: fields.scales} : {}),
	};
}

/** `{image: ok.png, confidence, within, offset, scales, wait}`: where a pointer step acts. */
export const imageLocator = z.strictObject({...locatorFields, offset: offset.optional(), wait: duration.optional()}).transform(locator);

/** Any step that takes a point takes an image instead; each form keeps its own precise messages. */
export const target = z.unknown().transform((value, context): Target => {
	const byImage = value !== null && typeof value === 'object' && 'image' in value;
	const parsed = (byImage ? imageLocator : point).safeParse(value);
	if (parsed.success) return parsed.data;
	for (const issue of parsed.error.issues) context.issues.push({...issue, input: value} as never);
	return z.NEVER;
});

const readArea = z.union([
	searchArea,
	z.strictObject({image: imageName, confidence: confidence.optional(), within: searchArea.optional(), scales: scales.optional(), wait: duration.optional(), offset, size})
		.transform(({offset: at, size: box, ...anchor}) => ({anchor: locator(anchor), offset: at, size: box})),
], {error: 'expected {x, y, width, height}, {window: TITLE} or {image: FILE.png, offset: {x, y}, size: {width, height}}'});

const language = z.string({error: 'expected a language such as eng'}).regex(/^[a-z]{3}(_[a-z]+)?$/, 'a language is a tesseract code such as eng').default('eng');
/** Characters the text may hold (`ABC…0123456789`), for codes that no dictionary knows. */
const characters = z.string({error: 'expected the characters the text may hold'}).min(1).max(200);
const colour = z.string({error: 'expected a colour such as #00ff00'}).regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb').transform(value => value.toLowerCase());

export const visionSchemas = {
	find: z.strictObject({...locatorFields, as: variableName}).transform(({as, ...fields}) => ({step: 'find' as const, locator: locator(fields), as})),
	waitForImage: z.strictObject({...locatorFields, timeout: duration.optional(), as: variableName.optional()})
		.transform(({timeout, as, ...fields}) => ({step: 'waitForImage' as const, locator: locator(fields), withinMs: timeout ?? 10_000, ...(as ? {as} : {})})),
	waitUntilGone: z.strictObject({...locatorFields, timeout: duration.optional()})
		.transform(({timeout, ...fields}) => ({step: 'waitUntilGone' as const, locator: locator(fields), withinMs: timeout ?? 10_000})),
	read: z.strictObject({within: readArea, as: variableName, lang: language, chars: characters.optional()})
		.transform(({within, as, lang, chars}) => ({step: 'read' as const, area: within, as, lang, ...(chars ? {chars} : {})})),
	waitForText: z.union([
		z.strictObject({text: z.string().min(1), within: readArea.optional(), timeout: duration.optional(), lang: language, as: variableName.optional()}),
		z.strictObject({matches: z.string().min(1), within: readArea.optional(), timeout: duration.optional(), lang: language, as: variableName.optional()}),
	], {error: 'expected {text, within, timeout} or {matches, within, timeout}'})
		.transform(({within, timeout, ...rest}) => ({step: 'waitForText' as const, ...rest, ...(within ? {area: within} : {}), withinMs: timeout ?? 10_000})),
	pixel: z.strictObject({x: coordinate, y: coordinate, as: variableName}).transform(({x, y, as}) => ({step: 'pixel' as const, at: {x, y}, as})),
	waitForPixel: z.strictObject({
		x: coordinate, y: coordinate, color: colour,
		tolerance: z.number({error: 'expected how far each of red, green and blue may be off (0-255)'}).int().min(0).max(255).default(0),
		timeout: duration.optional(),
	}).transform(({x, y, color, tolerance, timeout}) => ({step: 'waitForPixel' as const, at: {x, y}, colour: color, tolerance, withinMs: timeout ?? 10_000})),
};

/** Every image a locator or read area names. */
export function locatorImages(value: Target | ReadArea | undefined): string[] {
	if (!value) return [];
	if ('image' in value) return [value.image];
	if ('anchor' in value) return [value.anchor.image];
	return [];
}

export function isImageLocator(value: Target): value is ImageLocator {
	return 'image' in value;
}
