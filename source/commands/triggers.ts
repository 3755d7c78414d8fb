import {checkTrigger, describeTrigger, triggerEvents, type TriggerFilter} from '../automation/trigger-events.js';
import {deleteTrigger, listTriggers, saveTrigger, setTriggerPaused} from '../automation/triggers.js';
import {exitCodes} from '../store/errors.js';
import {visible} from '../text/visible.js';
import type {Command, CommandContext} from './command.js';
import {printJson, stringFlag, usageError} from './arguments.js';
import {automationFlags, maxAttemptsFlag, nameArgument, priorityFlag, robotCopyFlag, segmentFlag} from './automation-flags.js';
import {formatTable} from './table.js';

function filterFlags(context: CommandContext): TriggerFilter {
	const filter: TriggerFilter = {};
	for (const key of ['from', 'to', 'tag', 'kind', 'direction'] as const) {
		const value = stringFlag(context, key);
		if (value !== undefined) filter[key] = value;
	}
	return filter;
}

const add: Command = {
	name: 'triggers add',
	summary: `queue a robot for the customer whenever a change happens anywhere (desk, CLI, import, robot), in the same transaction as the change; events: ${triggerEvents.join(', ')}`,
	usage: 'triggers add NAME --robot R --on EVENT [--to STATUS] [--from STATUS] [--tag T] [--kind K] [--direction in|out] [--segment S] [--priority P] [--max-attempts N] [--replace]',
	flags: {...automationFlags, on: {type: 'string', nonEmpty: true}, to: {type: 'string'}, from: {type: 'string'}, tag: {type: 'string'}, kind: {type: 'string'}, direction: {type: 'string'}},
	async run(context) {
		const name = nameArgument(add, context);
		const on = stringFlag(context, 'on');
		if (on === undefined) throw usageError(add, `missing --on EVENT (${triggerEvents.join(', ')})`);
		const {event, filter} = checkTrigger(on, filterFlags(context));
		const copy = robotCopyFlag(add, context);
		const store = await context.store();
		const segment = await segmentFlag(store, context);
		const {replaced} = await saveTrigger(store, {
			name, copy, event, filter, ...(segment ? {segmentId: segment.id} : {}), priority: priorityFlag(context), maxAttempts: maxAttemptsFlag(context), replace: context.flags.replace === true,
		});
		context.say(`${replaced ? 'replaced' : 'added'} trigger ${name}: on ${describeTrigger(event, filter)}${segment ? ` for customers in segment ${segment.name}` : ''}, queue robot ${copy.robot.name}${copy.needsDesktop ? ' (needs a worker with a display)' : ''}`);
	},
};

const list: Command = {
	name: 'triggers list',
	summary: 'the record triggers: event, robot, segment, when each last fired and how many jobs it queued',
	usage: 'triggers list [--json]',
	flags: {json: {type: 'boolean'}},
	async run(context) {
		if (context.args.length > 0) throw usageError(list, `unexpected argument "${visible(context.args[0]!)}"`);
		const triggers = await listTriggers(await context.store());
		if (context.flags.json === true) return printJson(context, triggers);
		if (triggers.length === 0) {
			context.say('no triggers (opsdesk triggers add NAME --robot R --on customer.created)');
			return exitCodes.ok;
		}
		context.print(formatTable(
			[{heading: 'TRIGGER', max: 24}, {heading: 'EVENT', max: 44}, {heading: 'ROBOT', max: 24}, {heading: 'SEGMENT', max: 20}, {heading: 'LAST FIRED'}, {heading: 'JOBS'}, {heading: 'STATE'}],
			triggers.map(trigger => [trigger.name, describeTrigger(trigger.event, trigger.filter), trigger.robot, trigger.segment ?? '', trigger.last_fired_at ?? 'never', String(trigger.jobs), trigger.paused ? 'paused' : 'on']
				.map(value => visible(value))),
		));
	},
};

function pauseCommand(paused: boolean): Command {
	const command: Command = {
		name: paused ? 'triggers pause' : 'triggers resume',
		summary: paused ? 'stop a trigger firing (changes meanwhile queue nothing)' : 'let a paused trigger fire again (for changes from now on)',
		usage: `triggers ${paused ? 'pause' : 'resume'} NAME`,
		flags: {},
		async run(context) {
			const row = await setTriggerPaused(await context.store(), nameArgument(command, context), paused);
			context.say(`trigger ${row.name} ${paused ? 'paused' : 'resumed'}`);
		},
	};
	return command;
}

const remove: Command = {
	name: 'triggers delete',
	summary: 'delete a trigger; jobs it queued stay in the queue',
	usage: 'triggers delete NAME',
	flags: {},
	async run(context) {
		const row = await deleteTrigger(await context.store(), nameArgument(remove, context));
		context.say(`deleted trigger ${row.name}`);
	},
};

export const triggerCommands: Command[] = [add, list, pauseCommand(true), pauseCommand(false), remove];
