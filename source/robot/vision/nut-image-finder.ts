// opsdesk's matcher as nut-js's image finder: nut-js ships the interface, but its own
// matchers are paid plugins. Registered in the desktop process, so `screen.find(image)` works
// there like the robot steps do (the same scores, the same coarse-to-fine search).
import type {ImageFinderInterface, MatchRequest, MatchResult, Region as NutRegion, Image} from '@nut-tree-fork/nut-js';
import {matchTemplate} from './match.js';
import {fromRaw, type RgbImage} from './rgb-image.js';

type Nut = typeof import('@nut-tree-fork/nut-js');

/** nut-js's own default confidence (screen.config.confidence). */
const nutDefaultConfidence = 0.99;

function rgb(image: Image, nut: Nut): RgbImage {
	return fromRaw({width: image.width, height: image.height, data: image.data, channels: image.channels, byteWidth: image.byteWidth, bgr: image.colorMode === nut.ColorMode.BGR});
}

export function nccImageFinder(nut: Nut): ImageFinderInterface {
	const search = (request: MatchRequest<Image, unknown>) => {
		const confidence = request.confidence ?? nutDefaultConfidence;
		const outcome = matchTemplate(rgb(request.haystack, nut), rgb(request.needle, nut), {confidence});
		const result = (match: {x: number; y: number; width: number; height: number; score: number}) => new nut.MatchResult(match.score, new nut.Region(match.x, match.y, match.width, match.height)) as MatchResult<NutRegion>;
		return {outcome, confidence, result};
	};
	return {
		async findMatch(request) {
			const {outcome, confidence, result} = search(request as MatchRequest<Image, unknown>);
			const best = outcome.best;
			if (!best || best.score < confidence) {
				throw new Error(`no match for ${(request.needle as Image).id} with confidence ${confidence}${best ? `: best score ${best.score.toFixed(3)} at ${best.x},${best.y}` : ''}`);
			}
			return result(best);
		},
		async findMatches(request) {
			const {outcome, confidence, result} = search(request as MatchRequest<Image, unknown>);
			const best = outcome.best;
			if (!best || best.score < confidence) throw new Error(`no match for ${(request.needle as Image).id} with confidence ${confidence}`);
			return [best, ...outcome.others].map(result);
		},
	};
}
