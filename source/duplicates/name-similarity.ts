import jaroWinkler from 'talisman/metrics/jaro-winkler.js';

/**
 * How alike two names are, 0 to 1, from their folded, accent-free tokens (match-values.ts),
 * by Jaro-Winkler (talisman): the best of the names as written, the names with their words
 * in order (so "Müller, Anna" is "Anna Mueller"), and word against word, where an initial
 * matches a word it starts ("A. Müller" and "Anna Müller").
 */
export function nameSimilarity(a: readonly string[], b: readonly string[]): number {
	if (a.length === 0 || b.length === 0) return 0;
	const written = jaroWinkler(a.join(' '), b.join(' '));
	if (written === 1) return 1;
	const sorted = jaroWinkler([...a].sort().join(' '), [...b].sort().join(' '));
	return Math.max(written, sorted, wordByWord(a, b));
}

/**
 * Each word of the shorter name paired with its best unused match in the longer one, weighted
 * by length; words of the longer name left over (a middle name) cost a little, not a lot.
 */
function wordByWord(a: readonly string[], b: readonly string[]): number {
	const [short, long] = a.length <= b.length ? [a, b] : [b, a];
	const used = new Set<number>();
	let total = 0;
	let weight = 0;
	for (const word of short) {
		let best = 0;
		let bestAt = -1;
		long.forEach((other, index) => {
			if (used.has(index)) return;
			const score = word.length === 1 || other.length === 1 ? initialScore(word, other) : jaroWinkler(word, other);
			if (score > best) {
				best = score;
				bestAt = index;
			}
		});
		if (bestAt >= 0) used.add(bestAt);
		const length = Math.max(word.length, 2);
		total += best * length;
		weight += length;
	}
	const leftOver = long.length - short.length;
	return (total / weight) * 0.97 ** leftOver;
}

/** "a" against "anna": an initial stands for the word it starts, a little less surely than the word itself. */
function initialScore(a: string, b: string): number {
	if (a === b) return 1;
	return a[0] === b[0] ? 0.9 : 0;
}
