import {UserError, exitCodes} from '../store/errors.js';
import {customerStatuses, type CustomerStatus} from '../customers/customer-fields.js';
import {quoted} from '../text/quoted.js';
import {isMappableField, mappableFields, type ColumnRule} from './column-rules.js';

/**
 * `--map "First Name+Last Name=name,Mobile|Phone=phone"`: comma-separated `COLUMNS=FIELD`
 * pairs. `+` joins columns with a space, `|` takes the first column that has text. A column
 * name holding `,` `+` `|` `=` or `"` is written in double quotes (`"Name, full"=name`), a
 * quote inside doubled, as in CSV.
 */
export function parseMapFlag(text: string): ColumnRule[] {
	const rules: ColumnRule[] = [];
	for (const pair of splitOutsideQuotes(text, ',', '--map')) {
		if (pair.trim() === '') continue;
		const sides = splitOutsideQuotes(pair, '=', '--map');
		if (sides.length !== 2) throw mapError(`${quoted(pair.trim())} is not COLUMN=FIELD`);
		const [columns, field] = sides as [string, string];
		const target = field.trim().toLowerCase();
		if (!isMappableField(target)) throw mapError(`${quoted(field.trim())} is not a customer field; fields: ${mappableFields.join(', ')}`);
		const alternatives = splitOutsideQuotes(columns, '|', '--map').map(alternative => {
			const line = splitOutsideQuotes(alternative, '+', '--map').map(unquote);
			if (line.some(column => column === '')) throw mapError(`${quoted(pair.trim())} names an empty column`);
			return [line];
		});
		rules.push({target, alternatives});
	}
	return rules;
}

/** Status values to opsdesk statuses; `*` stands for every value not listed. */
export type StatusMap = ReadonlyMap<string, CustomerStatus>;

/** `--status-map "customer=active,subscriber=lead,*=inactive"`: keys in any case and spacing. */
export function parseStatusMapFlag(text: string): Map<string, CustomerStatus> {
	const map = new Map<string, CustomerStatus>();
	for (const pair of splitOutsideQuotes(text, ',', '--status-map')) {
		if (pair.trim() === '') continue;
		const sides = splitOutsideQuotes(pair, '=', '--status-map');
		if (sides.length !== 2) throw new UserError(`--status-map: ${quoted(pair.trim())} is not VALUE=STATUS`, exitCodes.usage);
		const [value, status] = sides.map(side => unquote(side)) as [string, string];
		const wanted = status.toLowerCase();
		if (!(customerStatuses as readonly string[]).includes(wanted)) {
			throw new UserError(`--status-map: ${quoted(status)} is not a status; use ${customerStatuses.join(', ')}`, exitCodes.usage);
		}
		map.set(value === '*' ? '*' : statusKey(value), wanted as CustomerStatus);
	}
	return map;
}

/** A status value as maps compare it: "Sales Qualified Lead", "salesqualifiedlead" and "SALES-QUALIFIED LEAD" are one. */
export function statusKey(value: string): string {
	return value.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function mapError(message: string): UserError {
	return new UserError(`--map: ${message}`, exitCodes.usage);
}

/** Splits on `separator` where it is not inside double quotes; an unclosed quote is a usage error. */
function splitOutsideQuotes(text: string, separator: string, flag: string): string[] {
	const parts: string[] = [];
	let current = '';
	let inQuotes = false;
	for (const character of text) {
		if (character === '"') inQuotes = !inQuotes;
		if (character === separator && !inQuotes) {
			parts.push(current);
			current = '';
			continue;
		}
		current += character;
	}
	if (inQuotes) throw new UserError(`${flag}: a quote is never closed in ${quoted(text)}`, exitCodes.usage);
	parts.push(current);
	return parts;
}

/** `  "Name, full" ` → `Name, full`; `""` inside quotes is one quote. */
function unquote(text: string): string {
	const trimmed = text.trim();
	if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) return trimmed.slice(1, -1).replaceAll('""', '"');
	return trimmed;
}
