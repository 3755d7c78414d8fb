export const maxDurationMs = 24 * 3_600_000;

/** `500ms`, `2s`, `1.5s`, `1m`: how robot files write time. A bare number is refused: 2 what? */
export function parseDuration(text: unknown): {ms: number} | {error: string} {
	if (typeof text !== 'string') return {error: `expected a duration such as 500ms or 2s, got ${JSON.stringify(text)}`};
	const match = /^\s*(\d{1,12}(?:\.\d{1,9})?)\s*(ms|s|m|h)\s*$/.exec(text);
	if (!match) return {error: `"${text}" is not a duration (write 500ms, 2s, 1m or 1h)`};
	const factor = {ms: 1, s: 1000, m: 60_000, h: 3_600_000}[match[2] as 'ms' | 's' | 'm' | 'h'];
	const ms = Math.round(Number(match[1]) * factor);
	// Node's timers hold at most 2^31-1 ms and fire after 1 ms beyond that: refuse long before.
	if (ms > maxDurationMs) return {error: `"${text}" is longer than 24h, the longest a step may wait`};
	return {ms};
}

export function formatDuration(ms: number): string {
	if (ms < 1000) return `${Math.round(ms)}ms`;
	if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
	return `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
}
