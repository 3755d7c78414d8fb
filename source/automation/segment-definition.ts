import {z} from 'zod';
import {customerStatuses, type CustomerStatus} from '../customers/customer-fields.js';
import {checkSearch} from '../customers/search-limits.js';
import {hasNothingToSearch, nothingToSearchFor} from '../customers/search-text.js';
import {ValidationError} from '../store/errors.js';
import {printableText} from '../text/printable.js';
import {checkSince} from './relative-date.js';

/**
 * A saved customer view, as `segments add` and the desk's `S` write it. Every part narrows:
 * a customer is in the segment when it matches all of them (each tag included).
 */
export type SegmentDefinition = {
	search?: string;
	status?: CustomerStatus;
	tags?: string[];
	country?: string;
	city?: string;
	/** Created at or after: a date, a time, or a span back from now (`30d`). */
	created_since?: string;
	/** No order placed on or after: a date, a time, or a span back from now (`90d`). */
	no_orders_since?: string;
};

export type Segment = {id: number; name: string; definition: SegmentDefinition; created_at: string; updated_at: string};

/** Letters, digits, spaces, _ . and -: a name people type and read, one line. */
export const segmentNamePattern = /^[\p{L}\p{N}](?:[\p{L}\p{N} _.-]{0,78}[\p{L}\p{N}_.-])?$/u;

/** Segments, schedules and triggers are named alike. */
export function checkSegmentName(name: string, kind = 'segment'): string {
	if (!segmentNamePattern.test(name)) throw new ValidationError('name', `"${name}" is not a ${kind} name: letters, digits, spaces, _ . and -, at most 80, starting with a letter or digit`);
	return name;
}

const oneLine = (max: number) => z.string().trim().min(1, 'is empty').max(max, `is longer than ${max} characters`).superRefine(printableText('one-line'));

const definitionSchema = z.strictObject({
	search: z.string().optional(),
	status: z.enum(customerStatuses, {error: () => `must be one of ${customerStatuses.join(', ')}`}).optional(),
	tags: z.array(oneLine(40).refine(tag => !tag.includes(';'), 'a tag cannot contain ";"')).max(50, 'more than 50 tags').optional(),
	country: oneLine(100).optional(),
	city: oneLine(100).optional(),
	created_since: z.string().optional(),
	no_orders_since: z.string().optional(),
});

/** Checks and tidies a definition; a bad part is a ValidationError naming it (`tag`, `created-since`). */
export function checkDefinition(input: SegmentDefinition): SegmentDefinition {
	const parsed = definitionSchema.safeParse(input);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		const field = String(issue.path[0] ?? 'segment').replace('tags', 'tag').replaceAll('_', '-');
		throw new ValidationError(field, issue.message);
	}
	const definition = parsed.data;
	const tidy: SegmentDefinition = {};
	if (definition.search !== undefined && definition.search.trim() !== '') {
		checkSearch(definition.search);
		// "🏢" or "!!!" would match no one (customer-list.ts): not a segment anyone means to save.
		if (hasNothingToSearch(definition.search)) throw new ValidationError('search', nothingToSearchFor);
		tidy.search = definition.search.trim();
	}
	if (definition.status) tidy.status = definition.status;
	if (definition.tags && definition.tags.length > 0) tidy.tags = [...new Set(definition.tags)];
	if (definition.country) tidy.country = definition.country;
	if (definition.city) tidy.city = definition.city;
	if (definition.created_since) tidy.created_since = checkSince('created-since', definition.created_since);
	if (definition.no_orders_since) tidy.no_orders_since = checkSince('no-orders-since', definition.no_orders_since);
	return tidy;
}

/** `status active, tag vip, city Wien, no orders since 90d`: a definition in one line. */
export function describeDefinition(definition: SegmentDefinition): string {
	const parts: string[] = [];
	if (definition.search) parts.push(`search "${definition.search}"`);
	if (definition.status) parts.push(`status ${definition.status}`);
	for (const tag of definition.tags ?? []) parts.push(`tag ${tag}`);
	if (definition.country) parts.push(`country ${definition.country}`);
	if (definition.city) parts.push(`city ${definition.city}`);
	if (definition.created_since) parts.push(`created since ${definition.created_since}`);
	if (definition.no_orders_since) parts.push(`no orders since ${definition.no_orders_since}`);
	return parts.length > 0 ? parts.join(', ') : 'every live customer';
}

export function parseDefinition(json: string): SegmentDefinition {
	return JSON.parse(json) as SegmentDefinition;
}
