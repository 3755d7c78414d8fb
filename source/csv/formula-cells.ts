/**
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula (and tab or CR
 * can hide one), so an exported name like `=HYPERLINK(...)` could act when the file is opened.
 * OWASP's rule, which Odoo and EspoCRM follow too: such a cell gets a leading `'`, which a
 * spreadsheet shows as text.
 *
 * Import undoes exactly that, so export → import gives the same values. To stay exact for
 * values that really start with `'`, a `'` is added in front of a `'` only where import would
 * otherwise take it away (before one of those characters or another `'`): `'Tis` stays as
 * it is, `'=x` is written `''=x`.
 */
const formulaStarts = new Set(['=', '+', '-', '@', '\t', '\r']);

function needsGuard(value: string): boolean {
	const first = value[0];
	if (first === undefined) return false;
	if (formulaStarts.has(first)) return true;
	return first === "'" && value.length > 1 && (formulaStarts.has(value[1]!) || value[1] === "'");
}

/** A value as an exported cell: safe to open in a spreadsheet. */
export function guardCell(value: string): string {
	return needsGuard(value) ? `'${value}` : value;
}

/** An imported cell as the value it stands for: the inverse of guardCell. */
export function unguardCell(cell: string): string {
	return cell[0] === "'" && cell.length > 1 && (formulaStarts.has(cell[1]!) || cell[1] === "'") ? cell.slice(1) : cell;
}

/**
 * A cell of a file read with unguardCell, written back as a cell that reads the same (for a
 * rejects file): only a cell a spreadsheet would run gets the `'`; a cell already guarded is
 * left as it was.
 */
export function guardRawCell(cell: string): string {
	return cell[0] !== undefined && formulaStarts.has(cell[0]) ? `'${cell}` : cell;
}
