/** NO_COLOR (https://no-color.org): any non-empty value turns colour off. */
export function colorWanted(env: NodeJS.ProcessEnv = process.env): boolean {
	return !env.NO_COLOR;
}

/** A colour when colours are on, else undefined (Ink then draws the default colour). */
export function tint(color: boolean, name: string): string | undefined {
	return color ? name : undefined;
}
