import {createOrder, iterateOrders, requireOrder, updateOrder, type OrderChanges} from '../orders/orders.js';
import {formatAmount, orderStatuses, parseAmount, parseCurrency, parseOrderDate, parseOrderStatus, type Order} from '../orders/order-fields.js';
import {ValidationError} from '../store/errors.js';
import type {Command, CommandContext} from './command.js';
import {idArgument, limitFlag, limitFlagSpec, noArguments, parseId, printJson, stringFlag, usageError} from './arguments.js';
import {TableWriter, formatFields} from './table.js';
import {printJsonRows} from './json-rows.js';
import {quoted} from '../text/quoted.js';

const json = {json: {type: 'boolean'}} as const;
const fieldFlags = {
	customer: {type: 'string'}, amount: {type: 'string'}, currency: {type: 'string'}, status: {type: 'string'},
	placed: {type: 'string'}, closed: {type: 'string'}, number: {type: 'string'}, note: {type: 'string'},
} as const;
const fieldUsage = '[--currency C --status S --placed DATE --closed DATE --number N --note TEXT]';

/** The order fields given as flags, parsed; absent flags are left out (unchanged on edit). */
function changesFromFlags(command: Command, context: CommandContext): OrderChanges {
	const changes: OrderChanges = {};
	const customer = stringFlag(context, 'customer');
	if (customer !== undefined) {
		const id = parseId(customer);
		if (id === undefined) throw usageError(command, `--customer must be a customer ID such as 42, got ${quoted(customer)}`);
		changes.customer_id = id;
	}
	const amount = stringFlag(context, 'amount');
	if (amount !== undefined) changes.amount = parseAmount(amount);
	const currency = stringFlag(context, 'currency');
	if (currency !== undefined) changes.currency = parseCurrency(currency);
	const status = stringFlag(context, 'status');
	if (status !== undefined) changes.status = parseOrderStatus(status);
	const placed = stringFlag(context, 'placed');
	if (placed !== undefined) changes.placed_at = parseOrderDate(placed, 'placed');
	const closed = stringFlag(context, 'closed');
	// `--closed ""` reopens the date.
	if (closed !== undefined) changes.closed_at = closed.trim() ? parseOrderDate(closed, 'closed') : null;
	const number = stringFlag(context, 'number');
	if (number !== undefined) changes.number = number;
	const note = stringFlag(context, 'note');
	if (note !== undefined) changes.note = note;
	return changes;
}

/** Amounts in --json stay integer cents (`amount`), with the decimal text beside them. */
function orderJson(order: Order): Order & {amount_decimal: string} {
	return {...order, amount_decimal: formatAmount(order.amount)};
}

const listColumns = [
	{heading: 'ID'}, {heading: 'NUMBER', max: 20}, {heading: 'CUSTOMER'}, {heading: 'STATUS'}, {heading: 'AMOUNT'},
	{heading: 'CUR'}, {heading: 'PLACED'}, {heading: 'CLOSED'}, {heading: 'NOTE', max: 30},
];

const list: Command = {
	name: 'orders list',
	summary: `list orders, newest placed first (status: ${orderStatuses.join(', ')}; the first 1000 unless --limit; --limit 0: all)`,
	usage: `orders list [--customer ID] [--status ${orderStatuses.join('|')}] [--limit N] [--json]`,
	flags: {customer: {type: 'string'}, status: {type: 'string', choices: orderStatuses}, limit: limitFlagSpec, ...json},
	async run(context) {
		noArguments(list, context);
		const changes = changesFromFlags(list, context);
		const limit = limitFlag(list, context, 1000);
		const orders = iterateOrders(await context.store(), {customerId: changes.customer_id, status: changes.status, limit: Math.min(limit + 1, Number.MAX_SAFE_INTEGER)});
		const shown = context.flags.json === true
			? await printJsonRows(context, mapRows(orders, orderJson), limit)
			: await printOrderTable(context, orders, limit);
		if (shown.rows === 0) context.say('no orders match');
		else if (shown.more) context.say(`showing the first ${shown.rows}; more match (use --limit N, or --limit 0 for all)`);
	},
};

async function* mapRows<From, To>(rows: AsyncIterable<From>, map: (row: From) => To): AsyncGenerator<To> {
	for await (const row of rows) yield map(row);
}

async function printOrderTable(context: CommandContext, orders: AsyncIterable<Order>, limit: number): Promise<{rows: number; more: boolean}> {
	const table = new TableWriter(listColumns, context.print);
	for await (const order of orders) {
		if (table.rows === limit) {
			table.end();
			return {rows: limit, more: true};
		}
		table.add([
			String(order.id), order.number, String(order.customer_id), order.status, formatAmount(order.amount), order.currency,
			order.placed_at, order.closed_at ?? '', order.note,
		]);
	}
	table.end();
	return {rows: table.rows, more: false};
}

function showOrder(context: CommandContext, order: Order): void {
	if (context.flags.json === true) {
		printJson(context, orderJson(order));
		return;
	}
	context.print(formatFields([
		['id', String(order.id)], ['number', order.number], ['customer', String(order.customer_id)], ['status', order.status],
		['amount', formatAmount(order.amount)], ['currency', order.currency], ['placed_at', order.placed_at],
		['closed_at', order.closed_at ?? ''], ['note', order.note],
	]));
}

const add: Command = {
	name: 'orders add',
	summary: 'add an order for a customer (number generated when not given)',
	usage: `orders add --customer ID --amount 1234.50 ${fieldUsage} [--json]`,
	flags: {...fieldFlags, ...json},
	async run(context) {
		noArguments(add, context);
		const changes = changesFromFlags(add, context);
		if (changes.customer_id === undefined) throw usageError(add, 'missing --customer');
		if (changes.amount === undefined) throw usageError(add, 'missing --amount');
		const order = await createOrder(await context.store(), {...changes, customer_id: changes.customer_id, amount: changes.amount});
		if (context.flags.json === true) showOrder(context, order);
		else context.print(String(order.id));
		context.say(`added order #${order.id} ${order.number}: ${formatAmount(order.amount)} ${order.currency}, ${order.status}`);
	},
};

const edit: Command = {
	name: 'orders edit',
	summary: 'change an order; closing an open one without --closed closes it today',
	usage: 'orders edit ID [--customer ID --amount 1234.50 ...same flags as add] [--json]',
	flags: {...fieldFlags, ...json},
	async run(context) {
		const id = idArgument(edit, context);
		const changes = changesFromFlags(edit, context);
		if (Object.keys(changes).length === 0) throw usageError(edit, 'nothing to change: give at least one flag such as --status won');
		const db = await context.store();
		await requireOrder(db, id);
		if (changes.number !== undefined && !changes.number.trim()) throw new ValidationError('number', 'cannot be empty');
		const order = await updateOrder(db, id, changes);
		if (context.flags.json === true) showOrder(context, order);
		context.say(`updated order #${id} ${order.number}: ${formatAmount(order.amount)} ${order.currency}, ${order.status}`);
	},
};

const show: Command = {
	name: 'orders show',
	summary: 'show one order',
	usage: 'orders show ID [--json]',
	flags: json,
	async run(context) {
		const id = idArgument(show, context);
		showOrder(context, await requireOrder(await context.store(), id));
	},
};

export const orderCommands: Command[] = [list, add, show, edit];
