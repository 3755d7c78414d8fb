import {createRequire} from 'node:module';

/** OpenCV's own matchTemplate, as the independent oracle for opsdesk's matcher (and the bench's rival). */
export type OpenCv = {
	Mat: new (rows?: number, cols?: number, type?: number) => OpenCvMat;
	CV_8UC3: number;
	TM_CCOEFF_NORMED: number;
	matchTemplate(image: OpenCvMat, template: OpenCvMat, result: OpenCvMat, method: number): void;
	minMaxLoc(mat: OpenCvMat): {maxVal: number; maxLoc: {x: number; y: number}};
	pyrDown(source: OpenCvMat, target: OpenCvMat): void;
	Rect: new (x: number, y: number, width: number, height: number) => unknown;
	onRuntimeInitialized?: () => void;
};
export type OpenCvMat = {data: Uint8Array; data32F: Float32Array; cols: number; rows: number; roi(rect: unknown): OpenCvMat; delete(): void};

let loaded: Promise<OpenCv> | undefined;

/**
 * @techstark/opencv-js is an Emscripten module: it is ready when it calls onRuntimeInitialized.
 * It has a `then` of its own, so it must never be awaited (that would wait for ever).
 */
export function openCv(): Promise<OpenCv> {
	return (loaded ??= new Promise(resolve => {
		const cv = createRequire(import.meta.url)('@techstark/opencv-js') as OpenCv & {Mat?: unknown};
		if (typeof cv.Mat === 'function' && cv.CV_8UC3 !== undefined) {
			resolve(cv);
			return;
		}
		cv.onRuntimeInitialized = () => resolve({...cv, then: undefined} as unknown as OpenCv);
	}));
}

/** An RGB image as a CV_8UC3 Mat (the caller deletes it). */
export function toMat(cv: OpenCv, image: {width: number; height: number; data: Uint8Array}): OpenCvMat {
	const mat = new cv.Mat(image.height, image.width, cv.CV_8UC3);
	mat.data.set(image.data);
	return mat;
}
