import {UserError, exitCodes} from '../store/errors.js';
import {customerFieldNames, type CustomerFieldName, type CustomerStatus} from '../customers/customer-fields.js';
import type {CsvColumn} from '../customers/customer-csv-header.js';
import {rejectsColumn} from '../csv/csv-header.js';
import {quoted} from '../text/quoted.js';
import {headerKey, mappableFields, type ColumnRule, type MappingSource} from './column-rules.js';
import {crmExports, type ExportProfile} from './crm-exports.js';
import {commonColumns, contactsExports, opsdeskColumns} from './contacts-exports.js';
import {statusKey} from './map-flags.js';

/** What to do with columns no rule reads: refuse the file (the default), keep them as notes lines, or drop them. */
export type ExtraColumns = 'notes' | 'ignore';

/** The mapping flags of `import customers`, as plain data (they travel to the parse worker). */
export type MappingOptions = {
	rules?: ColumnRule[];
	statuses?: Array<[string, CustomerStatus]>;
	extra?: ExtraColumns;
};

/** One field filled from the file: alternatives of lines of column positions. */
export type PlannedField = {target: CsvColumn; alternatives: number[][][]};

export type ColumnPlan = {
	source: MappingSource;
	header: string[];
	fields: PlannedField[];
	statuses: ReadonlyMap<string, CustomerStatus>;
	splitLists: boolean;
	htmlNotes: boolean;
	/** Columns appended to notes as `Column: value` lines (`--extra notes`). */
	noteColumns: number[];
	/** Columns left out (`--extra ignore`). */
	dropped: number[];
};

/** Profiles in the order a tie goes: opsdesk's own columns first, the generic dictionary last. */
const profiles: readonly ExportProfile[] = [opsdeskColumns, ...crmExports, ...contactsExports, commonColumns];

/**
 * Decides how a file's header becomes customer fields. Undefined means "read it as an opsdesk
 * file", exactly as imports always did (with the same refusal of an unknown column): no
 * mapping flag was given and no other system's dictionary knows more of the columns. Otherwise the explicit `--map` rules come first, and the export whose
 * dictionary knows the most columns fills the other fields. A column no rule reads stops the
 * import, naming every such column, unless `--extra` says what to do with it.
 */
export function planColumns(record: readonly string[], label: string, line: number, options: MappingOptions = {}): ColumnPlan | undefined {
	const header = record.map(name => name.trim());
	const keys = header.map(headerKey);
	const given = options.rules ?? [];
	const best = bestProfile(keys);
	const flagged = given.length > 0 || options.extra !== undefined || (options.statuses?.length ?? 0) > 0;
	if (!flagged && (best === undefined || best === opsdeskColumns)) return undefined;
	refuseRepeatedColumns(header, keys, label, line);
	const taken = new Set<number>();
	const fields: PlannedField[] = [];
	for (const target of mappableFields) {
		const explicit = given.filter(candidate => candidate.target === target);
		const planned = explicit.length > 0
			? resolve(explicit, keys, header, `${label}:${line}`, true)
			: resolve((best?.rules ?? []).filter(candidate => candidate.target === target), keys, header, label, false)
				// Another system's file may still have a plain "Notes" or "Tags" column; its ids and times mean nothing here.
				?? (best === opsdeskColumns || !customerFieldNames.includes(target as CustomerFieldName)
					? undefined
					: resolve(opsdeskColumns.rules.filter(candidate => candidate.target === target), keys, header, label, false));
		if (!planned) continue;
		fields.push({target, alternatives: planned});
		for (const position of planned.flat(2)) taken.add(position);
	}
	if (!fields.some(field => field.target === 'name')) {
		throw new UserError(`${label}:${line}: no column gives the customer's name; name one with --map "COLUMN=name" (or "First+Last=name"). Nothing was imported`, exitCodes.rejected);
	}
	const leftOver = header.map((_, index) => index).filter(index => !taken.has(index) && keys[index] !== rejectsColumn);
	if (leftOver.length > 0 && options.extra === undefined) throw unmappedColumns(header, leftOver, label, line);
	const statuses = new Map<string, CustomerStatus>(Object.entries(best?.statuses ?? {}).map(([value, status]) => [statusKey(value), status]));
	for (const [value, status] of options.statuses ?? []) statuses.set(value, status);
	if ((options.statuses?.length ?? 0) > 0 && !fields.some(field => field.target === 'status')) {
		throw new UserError(`--status-map: no column of ${label} is mapped to status; add --map "COLUMN=status"`, exitCodes.usage);
	}
	const source = given.length > 0 ? {id: 'map', label: best && best !== opsdeskColumns ? `your --map, with the ${best.label} dictionary` : 'your --map'} : {id: best?.id ?? 'none', label: best?.label ?? 'no known export'};
	return {
		source,
		header,
		fields,
		statuses,
		splitLists: best !== opsdeskColumns || given.length > 0,
		htmlNotes: best?.htmlNotes === true,
		noteColumns: options.extra === 'notes' ? leftOver : [],
		dropped: options.extra === 'ignore' ? leftOver : [],
	};
}

/** The profile whose dictionary knows the most columns of this header (none when it knows none). */
function bestProfile(keys: readonly string[]): ExportProfile | undefined {
	let best: ExportProfile | undefined;
	let bestCount = 0;
	for (const profile of profiles) {
		const known = new Set(profile.rules.flatMap(candidate => candidate.alternatives.flat(2).map(headerKey)));
		const count = keys.filter(key => known.has(key)).length;
		if (count > bestCount) {
			best = profile;
			bestCount = count;
		}
	}
	return best;
}

/** Rules for one field as positions in this header; columns the file lacks drop out (an explicit rule's may not). */
function resolve(rules: readonly ColumnRule[], keys: readonly string[], header: readonly string[], label: string, explicit: boolean): number[][][] | undefined {
	const alternatives: number[][][] = [];
	for (const columnRule of rules) {
		for (const alternative of columnRule.alternatives) {
			const lines: number[][] = [];
			for (const lineColumns of alternative) {
				const positions: number[] = [];
				for (const column of lineColumns) {
					const at = keys.indexOf(headerKey(column));
					if (at === -1 && explicit) {
						throw new UserError(`${label}: --map ${quoted(column)} for ${columnRule.target}: the file has no column ${quoted(column)}; its columns: ${header.map(name => quoted(name, 30)).join(', ')}`, exitCodes.usage);
					}
					if (at !== -1) positions.push(at);
				}
				if (positions.length > 0) lines.push(positions);
			}
			if (lines.length > 0) alternatives.push(lines);
		}
	}
	// "Street" alone and "Street" with "PostalCode" (a label export and an API export of one system): keep the fuller one.
	const sets = alternatives.map(alternative => new Set(alternative.flat()));
	const kept = alternatives.filter((_, index) => !sets.some((other, at) => at !== index && containedIn(sets[index]!, other) && (other.size > sets[index]!.size || at < index)));
	return kept.length > 0 ? kept : undefined;
}

function containedIn(small: ReadonlySet<number>, large: ReadonlySet<number>): boolean {
	for (const position of small) if (!large.has(position)) return false;
	return true;
}

function refuseRepeatedColumns(header: readonly string[], keys: readonly string[], label: string, line: number): void {
	const seen = new Map<string, number>();
	keys.forEach((key, index) => {
		if (key === '') return;
		const earlier = seen.get(key);
		if (earlier !== undefined) {
			throw new UserError(`${label}:${line}: column ${index + 1} ${quoted(header[index]!)} repeats column ${earlier + 1} ${quoted(header[earlier]!)}. Nothing was imported`, exitCodes.rejected);
		}
		seen.set(key, index);
	});
}

function unmappedColumns(header: readonly string[], positions: readonly number[], label: string, line: number): UserError {
	const named = positions.map(index => (header[index] === '' ? `column ${index + 1} (no name)` : `${quoted(header[index]!)} (column ${index + 1})`));
	return new UserError(
		`${label}:${line}: ${positions.length === 1 ? 'a column is' : `${positions.length} columns are`} not mapped to a customer field: ${named.join(', ')}. `
		+ 'Map with --map "COLUMN=FIELD", keep as notes lines with --extra notes, or drop with --extra ignore. Nothing was imported',
		exitCodes.rejected,
	);
}
