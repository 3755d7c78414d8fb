import {addInteraction, interactionDirections, interactionKinds, iterateInteractions} from '../customers/interactions.js';
import {requireCustomer} from '../customers/customers.js';
import type {Command, CommandContext} from './command.js';
import type {Interaction} from '../customers/interactions.js';
import {idArgument, limitFlag, limitFlagSpec, printJson, stringFlag, usageError} from './arguments.js';
import {TableWriter} from './table.js';
import {printJsonRows} from './json-rows.js';

const add: Command = {
	name: 'interactions add',
	summary: 'log an email, sms, call, note or ticket with a customer; prints its id',
	usage: `interactions add CUSTOMER_ID --kind ${interactionKinds.join('|')} --subject S [--body B] [--direction ${interactionDirections.join('|')}] [--json]`,
	flags: {kind: {type: 'string'}, subject: {type: 'string'}, body: {type: 'string'}, direction: {type: 'string'}, json: {type: 'boolean'}},
	// kind and direction stay plain strings: a wrong one is rejected input (exit 2), like any field value.
	async run(context) {
		const customerId = idArgument(add, context, 'CUSTOMER_ID');
		const kind = stringFlag(context, 'kind');
		const subject = stringFlag(context, 'subject');
		if (kind === undefined) throw usageError(add, 'missing --kind');
		if (subject === undefined) throw usageError(add, 'missing --subject');
		const body = stringFlag(context, 'body');
		const direction = stringFlag(context, 'direction');
		// Absent flags are left out, not passed as undefined, so the defaults apply.
		const interaction = await addInteraction(await context.store(), customerId, {
			kind,
			subject,
			...(body === undefined ? {} : {body}),
			...(direction === undefined ? {} : {direction}),
		});
		if (context.flags.json === true) printJson(context, interaction);
		else context.print(String(interaction.id));
		context.say(`logged ${interaction.kind} #${interaction.id} with customer #${customerId}`);
	},
};

const list: Command = {
	name: 'interactions list',
	summary: "a customer's interactions, newest first (the latest 1000 unless --limit; --limit 0: all)",
	usage: 'interactions list CUSTOMER_ID [--limit N] [--json]',
	flags: {limit: limitFlagSpec, json: {type: 'boolean'}},
	async run(context) {
		const customerId = idArgument(list, context, 'CUSTOMER_ID');
		const limit = limitFlag(list, context, 1000);
		const db = await context.store();
		await requireCustomer(db, customerId, {includeDeleted: true});
		// One more than asked, to say when there are more.
		const rows = iterateInteractions(db, customerId, Math.min(limit + 1, Number.MAX_SAFE_INTEGER));
		const shown = context.flags.json === true ? await printJsonRows(context, rows, limit) : await printTable(context, rows, limit);
		if (shown.rows === 0) context.say(`customer #${customerId} has no interactions yet`);
		else if (shown.more) context.say(`showing the latest ${shown.rows}; there are more (use --limit N, or --limit 0 for all)`);
	},
};

async function printTable(context: CommandContext, rows: AsyncIterable<Interaction>, limit: number): Promise<{rows: number; more: boolean}> {
	const table = new TableWriter(
		[{heading: 'ID'}, {heading: 'AT'}, {heading: 'KIND'}, {heading: 'DIR'}, {heading: 'BY', max: 20}, {heading: 'SUBJECT', max: 60}],
		context.print,
	);
	for await (const entry of rows) {
		if (table.rows === limit) {
			table.end();
			return {rows: limit, more: true};
		}
		table.add([String(entry.id), entry.at, entry.kind, entry.direction, entry.actor, entry.subject]);
	}
	table.end();
	return {rows: table.rows, more: false};
}

export const interactionCommands: Command[] = [add, list];
