import type {Customer} from '../customers/customer-fields.js';
import {customerFieldNames} from '../customers/customer-fields.js';

/** `{{customer.FIELD}}`, `{{vars.NAME}}` and `{{secrets.NAME}}`; spaces inside the braces are allowed. */
const placeholder = /\{\{\s*([^{}]*?)\s*\}\}/g;

export const customerTemplateFields: readonly string[] = ['id', ...customerFieldNames];

export type TemplateReference = {scope: 'customer' | 'vars' | 'secrets'; name: string};

/** Every placeholder in a text, or the first one that is not a known kind of reference. */
export function templateReferences(text: string): {references: TemplateReference[]} | {error: string} {
	const references: TemplateReference[] = [];
	for (const match of text.matchAll(placeholder)) {
		const [scope, name, ...rest] = match[1]!.split('.');
		// `vars.NAME.FIELD` is a field of a match that find stored (x, y, width, ...).
		if ((scope !== 'customer' && scope !== 'vars' && scope !== 'secrets') || !name || rest.length > (scope === 'vars' ? 1 : 0) || rest.includes('')) {
			return {error: `unknown variable {{${match[1]}}} (use {{customer.FIELD}}, {{vars.NAME}}, {{vars.NAME.FIELD}} or {{secrets.NAME}})`};
		}
		if (scope === 'customer' && !customerTemplateFields.includes(name)) {
			return {error: `unknown variable {{${match[1]}}}: customers have ${customerTemplateFields.join(', ')}`};
		}
		references.push({scope, name: [name, ...rest].join('.')});
	}
	return {references};
}

/**
 * What placeholders are filled from. `secrets` holds the values the run opened (each already
 * registered as hidden, source/secrets/redact.ts); `files` the screenshots and reports the run
 * wrote so far, by name, for an email step's `attach`.
 */
export type TemplateContext = {customer?: Customer; vars: Record<string, string>; secrets?: Record<string, string>; files?: Record<string, string[]>};

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
		if (scope === 'secrets') {
			const value = context.secrets?.[name];
			if (value === undefined) throw new Error(`{{secrets.${name}}} is not open in this run (opsdesk secrets set ${name})`);
			return value;
		}
		if (!context.customer) throw new Error(`{{customer.${name}}} needs a customer (pass --customer ID)`);
		const value = context.customer[name as keyof Customer];
		return Array.isArray(value) ? value.join(';') : String(value ?? '');
	});
}

/** The secrets a set of texts names, each once. */
export function secretNamesIn(texts: readonly string[]): string[] {
	const names = new Set<string>();
	for (const text of texts) {
		const found = templateReferences(text);
		if ('references' in found) for (const reference of found.references) if (reference.scope === 'secrets') names.add(reference.name);
	}
	return [...names];
}
