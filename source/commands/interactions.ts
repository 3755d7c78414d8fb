import {addInteraction, interactionDirections, interactionKinds, listInteractions} from '../customers/interactions.js';
import {requireCustomer} from '../customers/customers.js';
import type {Command} from './command.js';
import {idArgument, printJson, stringFlag, usageError} from './arguments.js';
import {formatTable} from './table.js';

const add: Command = {
	name: 'interactions add',
	summary: 'log an email, sms, call, note or ticket with a customer; prints its id',
	usage: `interactions add CUSTOMER_ID --kind ${interactionKinds.join('|')} --subject S [--body B] [--direction ${interactionDirections.join('|')}] [--json]`,
	flags: {kind: {type: 'string'}, subject: {type: 'string'}, body: {type: 'string'}, direction: {type: 'string'}, json: {type: 'boolean'}},
	run(context) {
		const customerId = idArgument(add, context, 'CUSTOMER_ID');
		const kind = stringFlag(context, 'kind');
		const subject = stringFlag(context, 'subject');
		if (kind === undefined) throw usageError(add, 'missing --kind');
		if (subject === undefined) throw usageError(add, 'missing --subject');
		const body = stringFlag(context, 'body');
		const direction = stringFlag(context, 'direction');
		// Absent flags are left out, not passed as undefined, so the defaults apply.
		const interaction = addInteraction(context.database(), customerId, {
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
	summary: "a customer's interactions, newest first",
	usage: 'interactions list CUSTOMER_ID [--json]',
	flags: {json: {type: 'boolean'}},
	run(context) {
		const customerId = idArgument(list, context, 'CUSTOMER_ID');
		const db = context.database();
		requireCustomer(db, customerId, {includeDeleted: true});
		const interactions = listInteractions(db, customerId);
		if (context.flags.json === true) return printJson(context, interactions);
		if (interactions.length === 0) return context.say(`customer #${customerId} has no interactions yet`);
		context.print(formatTable(
			[{heading: 'ID'}, {heading: 'AT'}, {heading: 'KIND'}, {heading: 'DIR'}, {heading: 'BY', max: 20}, {heading: 'SUBJECT', max: 60}],
			interactions.map(entry => [String(entry.id), entry.at, entry.kind, entry.direction, entry.actor, entry.subject]),
		));
	},
};

export const interactionCommands: Command[] = [add, list];
