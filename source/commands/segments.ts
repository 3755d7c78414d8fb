import {customerStatuses, type CustomerStatus} from '../customers/customer-fields.js';
import {cursorOf, type ListCursor} from '../customers/customer-list.js';
import {describeDefinition, type SegmentDefinition} from '../automation/segment-definition.js';
import {countSegment, segmentPage} from '../automation/segment-query.js';
import {deleteSegment, listSegments, requireSegment, saveSegment} from '../automation/segments.js';
import {exitCodes} from '../store/errors.js';
import {visible} from '../text/visible.js';
import type {Command, CommandContext} from './command.js';
import {limitFlag, limitFlagSpec, printJson, stringFlag, usageError} from './arguments.js';
import {listColumns, listRow} from './customers.js';
import {TableWriter, formatTable} from './table.js';
import {searchFlag} from './search-flag.js';

function nameArgument(command: Command, context: CommandContext): string {
	const [name, ...extra] = context.args;
	if (name === undefined) throw usageError(command, 'missing NAME');
	if (extra.length > 0) throw usageError(command, `unexpected argument "${visible(extra[0]!)}" (a name with spaces goes in quotes)`);
	return name;
}

const definitionFlags = {
	search: {type: 'string'}, status: {type: 'string', choices: customerStatuses}, tag: {type: 'string', isMultiple: true},
	country: {type: 'string'}, city: {type: 'string'}, createdSince: {type: 'string'}, noOrdersSince: {type: 'string'},
} as const;

function definitionFromFlags(command: Command, context: CommandContext): SegmentDefinition {
	const definition: SegmentDefinition = {};
	const search = searchFlag(command, context);
	if (search !== undefined) definition.search = search;
	const status = stringFlag(context, 'status');
	if (status !== undefined) definition.status = status as CustomerStatus;
	const tags = (context.flags.tag as string[] | undefined) ?? [];
	if (tags.length > 0) definition.tags = tags;
	for (const [flag, key] of [['country', 'country'], ['city', 'city'], ['createdSince', 'created_since'], ['noOrdersSince', 'no_orders_since']] as const) {
		const value = stringFlag(context, flag);
		if (value !== undefined) definition[key] = value;
	}
	return definition;
}

const add: Command = {
	name: 'segments add',
	summary: 'save a customer view (every part narrows it; dates may be spans back from now such as 90d); prints how many customers are in it',
	usage: 'segments add NAME [--search T] [--status S] [--tag T]... [--country C] [--city C] [--created-since DATE|30d] [--no-orders-since DATE|90d] [--replace] [--json]',
	flags: {...definitionFlags, replace: {type: 'boolean'}, json: {type: 'boolean'}},
	async run(context) {
		const name = nameArgument(add, context);
		const definition = definitionFromFlags(add, context);
		const store = await context.store();
		const {segment, replaced} = await saveSegment(store, name, definition, {replace: context.flags.replace === true});
		const customers = await countSegment(store, segment.definition);
		if (context.flags.json === true) printJson(context, {...segment, customers});
		context.say(`${replaced ? 'replaced' : 'saved'} segment ${segment.name}: ${describeDefinition(segment.definition)} (${customers} customer${customers === 1 ? '' : 's'} now)`);
	},
};

const list: Command = {
	name: 'segments list',
	summary: 'the saved segments, with what each holds and how many customers are in it now',
	usage: 'segments list [--json]',
	flags: {json: {type: 'boolean'}},
	async run(context) {
		if (context.args.length > 0) throw usageError(list, `unexpected argument "${visible(context.args[0]!)}"`);
		const store = await context.store();
		const segments = await listSegments(store);
		const counted = [];
		for (const segment of segments) counted.push({...segment, customers: await countSegment(store, segment.definition)});
		if (context.flags.json === true) return printJson(context, counted);
		if (counted.length === 0) {
			context.say('no segments saved (opsdesk segments add NAME --status active ...)');
			return exitCodes.ok;
		}
		context.print(formatTable([{heading: 'SEGMENT', max: 30}, {heading: 'CUSTOMERS'}, {heading: 'DEFINITION', max: 90}],
			counted.map(segment => [segment.name, String(segment.customers), describeDefinition(segment.definition)].map(value => visible(value)))));
	},
};

const show: Command = {
	name: 'segments show',
	summary: 'the customers in a segment now, in name order, as customers list shows them (--limit 0: all)',
	usage: 'segments show NAME [--limit N] [--json]',
	flags: {limit: limitFlagSpec, json: {type: 'boolean'}},
	async run(context) {
		const name = nameArgument(show, context);
		const limit = limitFlag(show, context, 50);
		const store = await context.store();
		const segment = await requireSegment(store, name);
		const asJson = context.flags.json === true;
		const table = new TableWriter(listColumns, context.print);
		const now = new Date();
		let shown = 0;
		let hasMore = true;
		let cursor: ListCursor | undefined;
		let pendingJson: string | undefined;
		if (asJson) context.printData('[');
		while (shown < limit && hasMore) {
			const page = await segmentPage(store, segment.definition, {cursor, limit: Math.min(limit - shown, 5000), now});
			hasMore = page.hasMore;
			for (const customer of page.customers) {
				if (asJson) {
					if (pendingJson) context.printData(`${pendingJson},`);
					pendingJson = JSON.stringify(customer);
				} else table.add(listRow(customer));
				shown++;
			}
			const last = page.customers.at(-1);
			if (!last) break;
			cursor = cursorOf(last);
		}
		if (asJson) context.printData(pendingJson ? `${pendingJson}\n]` : ']');
		else table.end();
		const what = `segment ${segment.name} (${describeDefinition(segment.definition)})`;
		if (shown === 0) context.say(`no customers in ${what}`);
		else if (hasMore) context.say(`${what}: showing the first ${shown}; more match (--limit N, --limit 0 for all)`);
	},
};

const remove: Command = {
	name: 'segments delete',
	summary: 'delete a saved segment (refused while a schedule or trigger uses it); its customers are not touched',
	usage: 'segments delete NAME',
	flags: {},
	async run(context) {
		const segment = await deleteSegment(await context.store(), nameArgument(remove, context));
		context.say(`deleted segment ${segment.name}`);
	},
};

export const segmentCommands: Command[] = [add, list, show, remove];
