import {
	createCustomer, deleteCustomer, requireCustomer, restoreCustomer, updateCustomer,
} from '../customers/customers.js';
import {customerFieldNames, customerStatuses, parseTags, type Customer, type CustomerFields} from '../customers/customer-fields.js';
import {cursorOf, listCustomers, type CustomerListQuery} from '../customers/customer-list.js';
import {customerHistory} from '../customers/history.js';
import {checkSearch} from '../customers/search-limits.js';
import type {Command, CommandContext, CommandFlags} from './command.js';
import {idArgument, limitFlag, limitFlagSpec, noArguments, printJson, stringFlag, usageError} from './arguments.js';
import {TableWriter, formatFields, formatTable} from './table.js';
import {dupCheckFlag, warnAboutDuplicatesOf} from './duplicate-warnings.js';

const json = {json: {type: 'boolean'}} as const;
const fieldFlags: CommandFlags = Object.fromEntries(customerFieldNames.map(field => [field, {type: 'string'}]));
const fieldUsage = '[--name N --company C --email E --phone P --address A --city C --country C --status S --tags "a;b" --notes N]';

/** The fields given as flags; tags typed as "a;b". Absent flags are left out (unchanged on edit). */
function fieldsFromFlags(context: CommandContext): Partial<CustomerFields> {
	const fields: Record<string, unknown> = {};
	for (const field of customerFieldNames) {
		const value = stringFlag(context, field);
		if (value === undefined) continue;
		fields[field] = field === 'tags' ? parseTags(value) : value;
	}
	return fields as Partial<CustomerFields>;
}

export const listColumns = [
	{heading: 'ID'}, {heading: 'NAME', max: 28}, {heading: 'COMPANY', max: 24}, {heading: 'EMAIL', max: 32},
	{heading: 'PHONE', max: 18}, {heading: 'CITY', max: 16}, {heading: 'COUNTRY', max: 12}, {heading: 'STATUS'}, {heading: 'TAGS', max: 24},
];

export function listRow(customer: Customer): string[] {
	return [String(customer.id), customer.name, customer.company, customer.email, customer.phone, customer.city, customer.country,
		customer.deleted_at ? 'deleted' : customer.status, customer.tags.join(';')];
}

function showCustomer(context: CommandContext, customer: Customer, asJson: boolean): void {
	if (asJson) return printJson(context, customer);
	context.print(formatFields([
		['id', String(customer.id)],
		...customerFieldNames.map(field => [field, field === 'tags' ? customer.tags.join(';') : String(customer[field])] as const),
		['created_at', customer.created_at],
		['updated_at', customer.updated_at],
		...(customer.deleted_at ? [['deleted_at', customer.deleted_at] as const] : []),
		['version', String(customer.version)],
	]));
}

const list: Command = {
	name: 'customers list',
	summary: 'list customers in name order, optionally searched and filtered (--limit 0: every match)',
	usage: `customers list [--search TEXT] [--status ${customerStatuses.join('|')}|deleted] [--limit N] [--json]`,
	flags: {search: {type: 'string'}, status: {type: 'string', choices: [...customerStatuses, 'deleted']}, limit: limitFlagSpec, ...json},
	async run(context) {
		noArguments(list, context);
		const limit = limitFlag(list, context, 50);
		// Unlike a command that acts on a search's customers (robot enqueue, segments add: see
		// search-flag.ts), a listing of a search with nothing to search for ("🏢") finds no one,
		// as in the desk, and says so; a blank one lists everyone.
		const search = stringFlag(context, 'search');
		if (search !== undefined) checkSearch(search);
		const db = await context.store();
		const query: CustomerListQuery = {search, status: stringFlag(context, 'status') as CustomerListQuery['status']};
		const asJson = context.flags.json === true;
		const table = new TableWriter(listColumns, context.print);
		let shown = 0;
		let hasMore = true;
		// JSON goes out a customer a line as pages arrive; the comma waits for the next one.
		let pendingJson: string | undefined;
		if (asJson) context.printData('[');
		// Pages of at most 5000 walk the name index with a cursor, so any --limit stays cheap
		// and a listing of every customer never holds more than one page.
		while (shown < limit && hasMore) {
			const page = await listCustomers(db, {...query, limit: Math.min(limit - shown, 5000)});
			hasMore = page.hasMore;
			for (const customer of page.customers) {
				if (asJson) {
					if (pendingJson) context.printData(`${pendingJson},`);
					pendingJson = JSON.stringify(customer);
				} else {
					table.add(listRow(customer));
				}
				shown++;
			}
			const last = page.customers.at(-1);
			if (!last) break;
			query.cursor = cursorOf(last);
		}
		if (asJson) context.printData(pendingJson ? `${pendingJson}\n]` : ']');
		else table.end();
		if (shown === 0) context.say('no customers match');
		else if (hasMore) context.say(`showing the first ${shown}; more match (use --limit N, --limit 0 for all, or a narrower --search)`);
	},
};

const add: Command = {
	name: 'customers add',
	summary: 'add a customer; prints its id (or the customer with --json)',
	usage: `customers add --name N ${fieldUsage.replace('--name N ', '')} [--no-dup-check] [--json]`,
	flags: {...fieldFlags, ...json, ...dupCheckFlag},
	async run(context) {
		if (stringFlag(context, 'name') === undefined) throw usageError(add, 'missing --name');
		noArguments(add, context);
		const db = await context.store();
		const customer = await createCustomer(db, fieldsFromFlags(context));
		if (context.flags.json === true) printJson(context, customer);
		else context.print(String(customer.id));
		context.say(`added customer #${customer.id} ${customer.name}`);
		await warnAboutDuplicatesOf(context, db, customer);
	},
};

const show: Command = {
	name: 'customers show',
	summary: 'show one customer (deleted ones too)',
	usage: 'customers show ID [--json]',
	flags: json,
	async run(context) {
		const id = idArgument(show, context);
		showCustomer(context, await requireCustomer(await context.store(), id, {includeDeleted: true}), context.flags.json === true);
	},
};

const edit: Command = {
	name: 'customers edit',
	summary: 'change fields of a customer; --expect-version refuses the edit (exit 3) if it changed meanwhile',
	usage: `customers edit ID ${fieldUsage} [--expect-version N] [--json]`,
	flags: {...fieldFlags, expectVersion: {type: 'number', min: 1}, ...json},
	async run(context) {
		const id = idArgument(edit, context);
		const changes = fieldsFromFlags(context);
		if (Object.keys(changes).length === 0) throw usageError(edit, 'nothing to change: give at least one --FIELD VALUE');
		const expectedVersion = context.flags.expectVersion as number | undefined;
		const db = await context.store();
		const before = await requireCustomer(db, id);
		const customer = await updateCustomer(db, id, changes, {expectedVersion});
		if (context.flags.json === true) printJson(context, customer);
		const changed = customerFieldNames.filter(field => String(before[field]) !== String(customer[field]));
		context.say(changed.length === 0
			? `customer #${id}: nothing changed (version ${customer.version})`
			: `updated customer #${id}: ${changed.join(', ')} (now version ${customer.version})`);
	},
};

const remove: Command = {
	name: 'customers delete',
	summary: 'delete a customer (soft: restore brings it back with its history)',
	usage: 'customers delete ID [--json]',
	flags: json,
	async run(context) {
		const id = idArgument(remove, context);
		const customer = await deleteCustomer(await context.store(), id);
		if (context.flags.json === true) printJson(context, customer);
		context.say(`deleted customer #${id} ${customer.name} (undo: opsdesk customers restore ${id})`);
	},
};

const restore: Command = {
	name: 'customers restore',
	summary: 'bring back a deleted customer',
	usage: 'customers restore ID [--json]',
	flags: json,
	async run(context) {
		const id = idArgument(restore, context);
		const customer = await restoreCustomer(await context.store(), id);
		if (context.flags.json === true) printJson(context, customer);
		context.say(`restored customer #${id} ${customer.name}`);
	},
};

const history: Command = {
	name: 'customers history',
	summary: 'what changed on a customer, when and by whom (newest first)',
	usage: 'customers history ID [--json]',
	flags: json,
	async run(context) {
		const id = idArgument(history, context);
		const db = await context.store();
		await requireCustomer(db, id, {includeDeleted: true});
		const entries = await customerHistory(db, id);
		if (context.flags.json === true) return printJson(context, entries);
		if (entries.length === 0) {
			context.say(`customer #${id} has no changes yet`);
			return;
		}
		context.print(formatTable(
			[{heading: 'AT'}, {heading: 'BY', max: 20}, {heading: 'FIELD'}, {heading: 'OLD', max: 40}, {heading: 'NEW', max: 40}],
			entries.map(entry => [entry.at, entry.actor, entry.field, entry.old_value ?? '', entry.new_value ?? '']),
		));
	},
};

export const customerCommands: Command[] = [list, add, show, edit, remove, restore, history];
