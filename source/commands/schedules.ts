import {cronProblem, isTimeZone, localTime, localTimeZone, nextDueTimes, type Timing} from '../automation/cron.js';
import {readSkipDates} from '../automation/skip-dates.js';
import {deleteSchedule, listSchedules, requireScheduleRow, saveSchedule, scheduleRuns, setSchedulePaused, timingOf} from '../automation/schedules.js';
import {requireCustomer} from '../customers/customers.js';
import {exitCodes, ValidationError} from '../store/errors.js';
import {visible} from '../text/visible.js';
import type {Command, CommandContext} from './command.js';
import {parseId, printJson, stringFlag, usageError} from './arguments.js';
import {automationFlags, maxAttemptsFlag, nameArgument, priorityFlag, robotCopyFlag, segmentFlag} from './automation-flags.js';
import {formatFields, formatTable} from './table.js';

function timingFlags(command: Command, context: CommandContext): Timing {
	const cron = stringFlag(context, 'cron');
	if (cron === undefined) throw usageError(command, 'missing --cron EXPR (minute hour day month weekday, or with a leading seconds field)');
	const problem = cronProblem(cron);
	if (problem) throw new ValidationError('cron', `"${cron}": ${problem}`);
	const timezone = stringFlag(context, 'tz') ?? localTimeZone();
	if (!isTimeZone(timezone)) throw new ValidationError('tz', `"${timezone}" is not a time zone (an IANA name such as Europe/Berlin, America/New_York or UTC)`);
	const skip = stringFlag(context, 'skipDates');
	return {cron: cron.trim(), timezone, skipDates: skip === undefined ? [] : readSkipDates(skip)};
}

const add: Command = {
	name: 'schedules add',
	summary: 'run a robot on a cron schedule (an optional leading seconds field; L, W and #) in a time zone, leaving out skip dates; running workers fire it, each due time exactly once',
	usage: 'schedules add NAME --robot R (--segment S | --customer ID | --no-customer) --cron EXPR [--tz ZONE] [--skip-dates FILE_OR_LIST] [--priority P] [--max-attempts N] [--replace]',
	flags: {...automationFlags, customer: {type: 'string'}, noCustomer: {type: 'boolean'}, cron: {type: 'string'}, tz: {type: 'string', nonEmpty: true}, skipDates: {type: 'string'}},
	async run(context) {
		const name = nameArgument(add, context);
		const customerText = stringFlag(context, 'customer');
		const whose = [context.flags.segment !== undefined, customerText !== undefined, context.flags.noCustomer === true].filter(Boolean).length;
		if (whose !== 1) throw usageError(add, 'say whose jobs: --segment NAME (each customer in it at each due time), --customer ID, or --no-customer');
		const timing = timingFlags(add, context);
		const copy = robotCopyFlag(add, context);
		if (context.flags.noCustomer === true && copy.robot.needsCustomer) throw usageError(add, `robot ${copy.robot.name} works on a customer's data: use --segment or --customer`);
		const store = await context.store();
		const segment = await segmentFlag(store, context);
		let customerId: number | undefined;
		if (customerText !== undefined) {
			const id = parseId(customerText);
			if (id === undefined) throw usageError(add, `--customer must be a customer number such as 42, got "${visible(customerText)}"`);
			customerId = (await requireCustomer(store, id)).id;
		}
		const {replaced, next} = await saveSchedule(store, {
			name, copy, timing, ...(segment ? {segmentId: segment.id} : {}), ...(customerId ? {customerId} : {}),
			priority: priorityFlag(context), maxAttempts: maxAttemptsFlag(context), replace: context.flags.replace === true,
		});
		const whom = segment ? `each customer in segment ${segment.name}` : customerId ? `customer #${customerId}` : 'no customer';
		const skipped = timing.skipDates.length > 0 ? `, skipping ${timing.skipDates.length} date${timing.skipDates.length === 1 ? '' : 's'}` : '';
		context.say(`${replaced ? 'replaced' : 'added'} schedule ${name}: robot ${copy.robot.name} for ${whom}, "${timing.cron}" in ${timing.timezone}${skipped}; next run ${next ? localTime(next, timing.timezone) : 'never (no due time ahead)'}${copy.needsDesktop ? ' (needs a worker with a display)' : ''}. Running workers fire it.`);
	},
};

const list: Command = {
	name: 'schedules list',
	summary: 'the schedules with their next and last run (in their zone), and whether they are paused',
	usage: 'schedules list [--json]',
	flags: {json: {type: 'boolean'}},
	async run(context) {
		if (context.args.length > 0) throw usageError(list, `unexpected argument "${visible(context.args[0]!)}"`);
		const schedules = await listSchedules(await context.store());
		if (context.flags.json === true) return printJson(context, schedules);
		if (schedules.length === 0) {
			context.say('no schedules (opsdesk schedules add NAME --robot R --segment S --cron "0 9 * * MON-FRI" --tz Europe/Berlin)');
			return exitCodes.ok;
		}
		context.print(formatTable(
			[{heading: 'SCHEDULE', max: 24}, {heading: 'CRON', max: 24}, {heading: 'ROBOT', max: 20}, {heading: 'FOR', max: 20}, {heading: 'NEXT RUN'}, {heading: 'LAST RUN'}, {heading: 'STATE'}],
			schedules.map(schedule => [
				schedule.name, schedule.cron, schedule.robot, schedule.segment ? `segment ${schedule.segment}` : schedule.customer_id ? `#${schedule.customer_id}` : '-',
				schedule.next_run ? localTime(new Date(schedule.next_run), schedule.timezone) : '-',
				schedule.last_run ? `${localTime(new Date(schedule.last_run.due_at), schedule.timezone).replace(/ \S+$/, '')} (${schedule.last_run.jobs} job${schedule.last_run.jobs === 1 ? '' : 's'})` : 'never',
				schedule.paused ? 'paused' : 'on',
			].map(value => visible(value))),
		));
	},
};

const show: Command = {
	name: 'schedules show',
	summary: 'one schedule: its next five due times (skip dates left out) and its last runs',
	usage: 'schedules show NAME [--json]',
	flags: {json: {type: 'boolean'}},
	async run(context) {
		const store = await context.store();
		const row = await requireScheduleRow(store, nameArgument(show, context));
		const schedule = (await listSchedules(store)).find(entry => entry.id === Number(row.id))!;
		const timing = timingOf(row);
		const upcoming = row.paused === 1 ? [] : nextDueTimes(timing, new Date(row.last_due_at > new Date().toISOString() ? row.last_due_at : new Date().toISOString()), 5);
		const runs = await scheduleRuns(store, Number(row.id));
		if (context.flags.json === true) return printJson(context, {...schedule, upcoming: upcoming.map(date => date.toISOString()), runs});
		context.print(formatFields(([
			['name', schedule.name], ['robot', `${schedule.robot} (${schedule.robot_file})`],
			['for', schedule.segment ? `each customer in segment ${schedule.segment}` : schedule.customer_id ? `customer #${schedule.customer_id}` : 'no customer'],
			['cron', schedule.cron], ['zone', schedule.timezone], ['skip dates', schedule.skip_dates.join(', ')], ['state', schedule.paused ? 'paused' : 'on'],
			['next runs', upcoming.map(date => localTime(date, timing.timezone)).join('\n') || '-'],
		] as const).map(([key, value]) => [key, visible(value, '\n')] as const)));
		context.print(runs.length === 0 ? '\nnot run yet' : `\n${runs.map(run => visible(`${localTime(new Date(run.due_at), timing.timezone)}  ${run.jobs} job${Number(run.jobs) === 1 ? '' : 's'}  fired by ${run.fired_by} at ${run.fired_at}${run.batch_id === null ? '' : `  batch #${run.batch_id}`}${run.note ? `  (${run.note})` : ''}`)).join('\n')}`);
	},
};

function pauseCommand(paused: boolean): Command {
	const command: Command = {
		name: paused ? 'schedules pause' : 'schedules resume',
		summary: paused ? 'stop a schedule firing' : 'let a paused schedule fire again, from now on (times it was paused through are not caught up)',
		usage: `schedules ${paused ? 'pause' : 'resume'} NAME`,
		flags: {},
		async run(context) {
			const {row, next} = await setSchedulePaused(await context.store(), nameArgument(command, context), paused);
			context.say(`schedule ${row.name} ${paused ? 'paused' : `resumed; next run ${next ? localTime(next, row.timezone) : 'never'}`}`);
		},
	};
	return command;
}

const remove: Command = {
	name: 'schedules delete',
	summary: 'delete a schedule; jobs it made stay in the queue',
	usage: 'schedules delete NAME',
	flags: {},
	async run(context) {
		const row = await deleteSchedule(await context.store(), nameArgument(remove, context));
		context.say(`deleted schedule ${row.name}`);
	},
};

export const scheduleCommands: Command[] = [add, list, show, pauseCommand(true), pauseCommand(false), remove];
