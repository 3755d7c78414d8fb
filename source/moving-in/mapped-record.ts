import {exportColumns, type CsvColumn} from '../customers/customer-csv-header.js';
import {customerStatuses} from '../customers/customer-fields.js';
import {unguardCell} from '../csv/formula-cells.js';
import type {ColumnPlan, PlannedField} from './column-plan.js';
import {statusKey} from './map-flags.js';

export type MappedRecord = {ok: true; record: string[]} | {ok: false; reason: string};

const multiLine = new Set<CsvColumn>(['address', 'notes']);
/** Fields a person has several of in other systems: the first goes in the field, the others into notes. */
const contactPoints = new Set<CsvColumn>(['email', 'phone']);
const statusNames = customerStatuses.join(', ');

/**
 * A row of another system's export as a row of an opsdesk export (columns `exportColumns`),
 * which the usual checks then validate. Nothing the file holds is lost without being asked:
 * a second email or phone (another column, or a second value in one cell) becomes a notes
 * line `Column: value`, as do unmapped columns under `--extra notes`. Cells lose the `'` an
 * export put before formula-like values (formula-cells.ts) one by one, unless `raw`.
 */
export function mapRecord(plan: ColumnPlan, record: readonly string[], options: {raw?: boolean} = {}): MappedRecord {
	if (record.length !== plan.header.length) {
		return {ok: false, reason: `wrong number of fields: ${record.length}, the header has ${plan.header.length}`};
	}
	const cell = options.raw ? (index: number) => record[index]! : (index: number) => unguardCell(record[index]!);
	const mapped = new Map<CsvColumn, string>();
	const noteLines: string[] = [];
	for (const field of plan.fields) {
		const {value, others} = fill(field, plan, cell);
		mapped.set(field.target, value);
		noteLines.push(...others);
	}
	if (plan.splitLists) {
		for (const target of contactPoints) {
			const value = mapped.get(target);
			if (!value) continue;
			const [first, ...rest] = splitValues(value, target);
			mapped.set(target, target === 'phone' ? plainPhone(first ?? '') : first ?? '');
			if (rest.length > 0) noteLines.push(`${columnsOf(plan, target)}: ${rest.join(', ')}`);
		}
		const tags = mapped.get('tags');
		if (tags !== undefined) mapped.set('tags', listTags(tags).join(';'));
	}
	const notes = mapped.get('notes');
	if (plan.htmlNotes && notes) mapped.set('notes', textOfHtml(notes));
	const status = mapped.get('status');
	if (status !== undefined && status.trim() !== '') {
		const wanted = plan.statuses.get(statusKey(status)) ?? (isStatus(status) ? status.trim().toLowerCase() : plan.statuses.get('*'));
		if (wanted === undefined) {
			return {ok: false, reason: `unknown status "${status.trim()}" (use ${statusNames}, or map it: --status-map "${status.trim()}=lead")`};
		}
		mapped.set('status', wanted);
	}
	for (const index of plan.noteColumns) {
		const value = cell(index).trim();
		if (value) noteLines.push(`${plan.header[index]}: ${value}`);
	}
	if (noteLines.length > 0) {
		const notes = mapped.get('notes') ?? '';
		mapped.set('notes', [notes, ...noteLines].filter(Boolean).join('\n'));
	}
	return {ok: true, record: exportColumns.map(column => mapped.get(column) ?? '')};
}

/** The first alternative with text, and the texts of the others as notes lines (emails and phones only). */
function fill(field: PlannedField, plan: ColumnPlan, cell: (index: number) => string): {value: string; others: string[]} {
	const joinLines = multiLine.has(field.target) ? '\n' : ' ';
	let value = '';
	const others: string[] = [];
	for (const alternative of field.alternatives) {
		const text = alternative
			.map(line => line.map(index => cell(index).trim()).filter(Boolean).join(' '))
			.filter(Boolean)
			.join(joinLines);
		if (!text) continue;
		if (!value) value = text;
		else if (contactPoints.has(field.target) && plan.splitLists) others.push(`${alternative.flat().map(index => plan.header[index]).join(' + ')}: ${text}`);
	}
	return {value, others};
}

/** Several values in one cell: Google's " ::: ", or emails listed with `;` or `,`. */
function splitValues(value: string, target: CsvColumn): string[] {
	const pattern = target === 'email' ? /\s*(?::::|[;,]|\s)\s*/u : /\s*:::\s*/u;
	return value.split(pattern).map(part => part.trim()).filter(Boolean);
}

/** "+1 555 0100 ext. 12" → "+1 555 0100 x12", and no "tel:" prefix: the forms opsdesk's phone field takes. */
function plainPhone(phone: string): string {
	return phone.replace(/^tel:/i, '').replace(/\s*(?:ext\.?|extension|#)\s*(\d+)\s*$/iu, ' x$1').trim();
}

/**
 * Tags from a cell: separated by `;`, `,` or " ::: ". Google marks its own groups with "* "
 * ("* starred" → "starred") and puts every contact in "* myContacts", which says nothing.
 */
function listTags(text: string): string[] {
	const tags = text.split(/\s*(?::::|[;,])\s*/u).map(tag => tag.trim().replace(/^\*\s+/u, '')).filter(Boolean);
	return tags.filter(tag => tag.toLowerCase() !== 'mycontacts');
}

const entities: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' '};

/** Odoo's rich-text notes as plain text: paragraphs and breaks as lines, other tags dropped, common entities read. */
function textOfHtml(html: string): string {
	return html
		.replace(/<br\s*\/?>|<\/(?:p|div|li|h\d)>/giu, '\n')
		.replace(/<[^>]*>/gu, '')
		.replace(/&(amp|lt|gt|quot|apos|nbsp);/gu, (_, name: string) => entities[name]!)
		.replace(/&#(\d{1,7});/gu, (entity, code: string) => (Number(code) <= 0x10ffff ? String.fromCodePoint(Number(code)) : entity))
		.split('\n').map(line => line.trim()).filter(Boolean).join('\n');
}

function isStatus(value: string): boolean {
	return (customerStatuses as readonly string[]).includes(value.trim().toLowerCase());
}

function columnsOf(plan: ColumnPlan, target: CsvColumn): string {
	const field = plan.fields.find(candidate => candidate.target === target);
	return field ? plan.header[field.alternatives[0]![0]![0]!]! : target;
}
