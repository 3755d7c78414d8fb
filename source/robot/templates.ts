import type {Customer} from '../customers/customer-fields.js';
import {customerFieldNames} from '../customers/customer-fields.js';

/** `{{customer.FIELD}}` and `{{vars.NAME}}`; spaces inside the braces are allowed. */
const placeholder = /\{\{\s*([^{}]*?)\s*\}\}/g;

export const customerTemplateFields: readonly string[] = ['id', ...customerFieldNames];

export type TemplateReference = {scope: 'customer' | 'vars'; name: string};

/** Every placeholder in a text, or the first one that is not a known kind of reference. */
export function templateReferences(text: string): {references: TemplateReference[]} | {error: string} {
	const references: TemplateReference[] = [];
	for (const match of text.matchAll(placeholder)) {
		const [scope, name, ...rest] = match[1]!.split('.');
		// `vars.NAME.FIELD` is a field of a match that find stored (x, y, width, ...).
		if ((scope !== 'customer' && scope !== 'vars') || !name || rest.length > (scope === 'vars' ? 1 : 0) || rest.includes('')) {
			return {error: `unknown variable {{${match[1]}}} (use {{customer.FIELD}}, {{vars.NAME}} or {{vars.NAME.FIELD}})`};
		}
		if (scope === 'customer' && !customerTemplateFields.includes(name)) {
			return {error: `unknown variable {{${match[1]}}}: customers have ${customerTemplateFields.join(', ')}`};
		}
		references.push({scope, name: [name, ...rest].join('.')});
	}
	return {references};
}

export type TemplateContext = {customer?: Customer; vars: Record<string, string>};

/** Fills placeholders; the file was validated, so a missing value here is a run-time fact (no customer given). */
export function fillTemplate(text: string, context: TemplateContext): string {
	return text.replace(placeholder, (_, reference: string) => {
		const [scope, ...rest] = reference.split('.') as [string, ...string[]];
		const name = rest.join('.');
		if (scope === 'vars') {
			const value = context.vars[name];
			if (value === undefined) throw new Error(`{{vars.${name}}} has no value yet`);
			return value;
		}
		if (!context.customer) throw new Error(`{{customer.${name}}} needs a customer (pass --customer ID)`);
		const value = context.customer[name as keyof Customer];
		return Array.isArray(value) ? value.join(';') : String(value ?? '');
	});
}
