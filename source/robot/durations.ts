/** `500ms`, `2s`, `1.5s`, `1m`: how robot files write time. A bare number is refused: 2 what? */
export function parseDuration(text: unknown): {ms: number} | {error: string} {
	if (typeof text !== 'string') return {error: `expected a duration such as 500ms or 2s, got ${JSON.stringify(text)}`};
	const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)\s*$/.exec(text);
	if (!match) return {error: `"${text}" is not a duration (write 500ms, 2s or 1m)`};
	const factor = {ms: 1, s: 1000, m: 60_000}[match[2] as 'ms' | 's' | 'm'];
	return {ms: Math.round(Number(match[1]) * factor)};
}

export function formatDuration(ms: number): string {
	if (ms < 1000) return `${Math.round(ms)}ms`;
	if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
	return `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
}
