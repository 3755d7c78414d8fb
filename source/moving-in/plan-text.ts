import type {CustomerFields} from '../customers/customer-fields.js';
import type {ColumnPlan} from './column-plan.js';

/**
 * The mapping an import chose, as it prints it before any row: where it came from, each field
 * and its columns ("First Name + Last Name → name", "Mobile | Phone → phone": the first with
 * text), the status values it translates, and what happens to the other columns.
 */
export function describePlan(plan: ColumnPlan, label: string): string[] {
	const how = plan.source.id === 'map' ? `mapped by ${plan.source.label}` : plan.source.id === 'none' ? 'read by their own names' : `read as a ${plan.source.label}`;
	const lines = [`${label}: columns ${how}:`];
	for (const field of plan.fields) {
		const columns = field.alternatives.map(alternative => alternative.flat().map(index => plan.header[index]).join(' + ')).join(' | ');
		lines.push(`  ${columns} → ${field.target}`);
	}
	if (plan.fields.some(field => field.target === 'status') && plan.statuses.size > 0) {
		const pairs = [...plan.statuses].map(([value, status]) => `${value === '*' ? 'anything else' : value} → ${status}`);
		lines.push(`  status values: ${pairs.join(', ')}`);
	}
	if (plan.noteColumns.length > 0) lines.push(`  ${plan.noteColumns.map(index => plan.header[index]).join(', ')} → notes lines ("Column: value")`);
	if (plan.dropped.length > 0) lines.push(`  dropped (--extra ignore): ${plan.dropped.map(index => plan.header[index]).join(', ')}`);
	return lines;
}

/** One row as a dry run shows it: every field that has a value, notes on one line. */
export function describeFields(line: number, fields: CustomerFields): string {
	const parts: string[] = [];
	for (const [field, value] of Object.entries(fields) as Array<[keyof CustomerFields, CustomerFields[keyof CustomerFields]]>) {
		const text = Array.isArray(value) ? value.join(';') : value;
		if (text === '') continue;
		parts.push(`${field}=${JSON.stringify(text)}`);
	}
	return `  line ${line}: ${parts.join(' ')}`;
}
