import {customerStatuses, formatTags, parseTags, type CustomerFieldName, type CustomerFields, type CustomerStatus} from '../customers/customer-fields.js';
import type {FormFieldSpec} from '../components/form-view.js';

/** The customer form's fields in the order the CLI and CSV list them; address and notes span lines. */
export const customerFormSpecs: ReadonlyArray<FormFieldSpec<CustomerFieldName>> = [
	{field: 'name', label: 'Name'},
	{field: 'company', label: 'Company'},
	{field: 'email', label: 'Email'},
	{field: 'phone', label: 'Phone'},
	{field: 'address', label: 'Address', kind: 'area'},
	{field: 'city', label: 'City'},
	{field: 'country', label: 'Country'},
	{field: 'status', label: 'Status', kind: 'choice', choices: customerStatuses},
	{field: 'tags', label: 'Tags', hint: 'separated by ;'},
	{field: 'notes', label: 'Notes', kind: 'area'},
];

export type CustomerFormValues = Record<CustomerFieldName, string>;

export function formValuesOf(fields: CustomerFields): CustomerFormValues {
	return {...fields, tags: formatTags(fields.tags).replaceAll(';', '; ')};
}

export function fieldsOfForm(values: CustomerFormValues): CustomerFields {
	return {...values, status: values.status.trim() as CustomerStatus, tags: parseTags(values.tags)};
}

/** A field saved elsewhere since the form opened: what is stored now and what the form holds. */
export type ConflictRow = {field: CustomerFieldName; label: string; theirs: string; yours: string; yoursChanged: boolean};

/** The fields someone else changed since `start`, with this form's value of each. */
export function conflictRows(start: CustomerFormValues, theirs: CustomerFormValues, yours: CustomerFormValues): ConflictRow[] {
	return customerFormSpecs
		.filter(spec => theirs[spec.field] !== start[spec.field])
		.map(spec => ({field: spec.field, label: spec.label, theirs: theirs[spec.field], yours: yours[spec.field], yoursChanged: yours[spec.field] !== start[spec.field]}));
}

/** "Keep mine and save": the stored values with this form's edits on top, so their other changes stay. */
export function mergeMine(start: CustomerFormValues, theirs: CustomerFormValues, yours: CustomerFormValues): CustomerFormValues {
	const merged = {...theirs};
	for (const spec of customerFormSpecs) if (yours[spec.field] !== start[spec.field]) merged[spec.field] = yours[spec.field];
	return merged;
}
