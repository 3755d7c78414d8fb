import {rankGap} from './name-rank.js';

const highUnit = /[\uD800-\uFFFF]/;

/**
 * Numbers a whole batch of name keys in name order before any row is written (a bulk load
 * into an empty table), so rows go in with their final rank and are never renumbered.
 * Ties go by position, as ids rise in that order. The order must be SQLite's: its BINARY
 * collation compares UTF-8 bytes, i.e. code points, where JavaScript compares UTF-16 units;
 * the two differ only between a character above U+FFFF and one in U+E000–U+FFFF, so keys
 * holding neither are compared natively. Returns each key's rank, by position.
 */
export function rankNameKeys(keys: readonly string[]): Float64Array {
	const high = new Uint8Array(keys.length);
	keys.forEach((key, index) => {
		if (highUnit.test(key)) high[index] = 1;
	});
	const order = Uint32Array.from(keys.keys());
	order.sort((a, b) => {
		const left = keys[a]!;
		const right = keys[b]!;
		if (left === right) return a - b;
		if (high[a] && high[b]) return compareCodePoints(left, right);
		return left < right ? -1 : 1;
	});
	const ranks = new Float64Array(keys.length);
	order.forEach((index, position) => {
		ranks[index] = (position + 1) * rankGap;
	});
	return ranks;
}

function compareCodePoints(left: string, right: string): number {
	const length = Math.min(left.length, right.length);
	for (let index = 0; index < length; index++) {
		const a = left.charCodeAt(index);
		const b = right.charCodeAt(index);
		if (a !== b) return codePointOrder(a) - codePointOrder(b);
	}
	return left.length - right.length;
}

/** A UTF-16 unit moved so that surrogates (characters above U+FFFF) sort after U+E000–U+FFFF. */
function codePointOrder(unit: number): number {
	if (unit >= 0xe000) return unit - 0x800;
	if (unit >= 0xd800) return unit + 0x2000;
	return unit;
}
