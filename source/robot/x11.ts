/** `Legacy*` → a whole-title pattern where `*` is any text and `?` one character. */
export function titlePattern(glob: string): RegExp {
	const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
	return new RegExp(`^${source}$`, 'u');
}
