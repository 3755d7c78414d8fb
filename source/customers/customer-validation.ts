import {ValidationError} from '../store/errors.js';
import {customerFieldsSchema, emptyCustomerFields, type CustomerFields} from './customer-fields.js';

/**
 * Checks and trims a whole set of fields. Throws a ValidationError naming the first bad
 * field; `validateCustomerFieldsAll` reports all of them (forms show every error at once).
 */
export function validateCustomerFields(input: Partial<CustomerFields>): CustomerFields {
	const result = validateCustomerFieldsAll(input);
	if (!result.ok) {
		const [field, message] = Object.entries(result.errors)[0]!;
		throw new ValidationError(field, message);
	}
	return result.fields;
}

export type FieldCheck =
	| {ok: true; fields: CustomerFields}
	| {ok: false; errors: Partial<Record<keyof CustomerFields, string>>};

export function validateCustomerFieldsAll(input: Partial<CustomerFields>): FieldCheck {
	const parsed = customerFieldsSchema.safeParse({...emptyCustomerFields, ...input});
	if (parsed.success) return {ok: true, fields: parsed.data};
	const errors: Partial<Record<keyof CustomerFields, string>> = {};
	for (const issue of parsed.error.issues) {
		const field = String(issue.path[0] ?? 'name') as keyof CustomerFields;
		errors[field] ??= issue.message;
	}
	return {ok: false, errors};
}
