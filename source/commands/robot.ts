import fs from 'node:fs';
import {requireCustomer} from '../customers/customers.js';
import {listCustomers, cursorOf} from '../customers/customer-list.js';
import {UserError, exitCodes} from '../store/errors.js';
import {runRobotNow} from '../robot/direct-run.js';
import {describeAction, DryRunDriver} from '../robot/dry-run-driver.js';
import type {DriverName} from '../robot/driver.js';
import {driverNames, openDriver} from '../robot/drivers.js';
import {formatDuration} from '../robot/durations.js';
import {enqueueRobot} from '../robot/enqueue.js';
import {priorities, type Priority} from '../robot/queue.js';
import {formatProblem} from '../robot/robot.js';
import {parseRobot, robotFromText} from '../robot/robot-file.js';
import {listRobotFiles, resolveRobotFile, robotsFolder} from '../robot/robot-folder.js';
import type {StepRecord} from '../robot/runner.js';
import {SqliteJobQueue} from '../robot/sqlite-queue.js';
import {startVirtualDisplay, type VirtualDisplay} from '../robot/virtual-display.js';
import type {Command, CommandContext} from './command.js';
import {printJson, stringFlag, usageError, wholeNumberFlag} from './arguments.js';
import {formatTable} from './table.js';

const robotsFlag = {robots: {type: 'string'}} as const;

function robotFileArgument(command: Command, context: CommandContext): string {
	const [given, ...extra] = context.args;
	if (given === undefined) throw usageError(command, 'missing FILE');
	if (extra.length > 0) throw usageError(command, `unexpected argument "${extra[0]}"`);
	return resolveRobotFile(given, robotsFolder(context.databasePath, stringFlag(context, 'robots')));
}

function customerIdFlag(command: Command, value: unknown): number {
	const text = String(value).replace(/^#/, '');
	if (!/^\d{1,15}$/.test(text) || Number(text) < 1) throw usageError(command, `--customer must be a customer number such as 42, got "${String(value)}"`);
	return Number(text);
}

const check: Command = {
	name: 'robot check',
	summary: 'validate robot files without running them; every problem with file, line and step (exit 2)',
	usage: 'robot check FILE... [--robots DIR]',
	flags: {...robotsFlag},
	run(context) {
		if (context.args.length === 0) throw usageError(check, 'missing FILE');
		const folder = robotsFolder(context.databasePath, stringFlag(context, 'robots'));
		let problems = 0;
		for (const given of context.args) {
			const file = resolveRobotFile(given, folder);
			const parsed = parseRobot(fs.readFileSync(file, 'utf8'), file);
			if (parsed.robot) context.say(`${file}: ok (robot ${parsed.robot.name}, ${parsed.robot.steps.length} steps)`);
			for (const problem of parsed.problems) context.say(formatProblem(problem));
			problems += parsed.problems.length;
		}
		return problems > 0 ? exitCodes.rejected : exitCodes.ok;
	},
};

function driverFlag(command: Command, context: CommandContext): DriverName | undefined {
	const value = stringFlag(context, 'driver');
	if (value !== undefined && !driverNames.includes(value as DriverName)) throw usageError(command, `--driver must be ${driverNames.join(' or ')}, got "${value}"`);
	return value as DriverName | undefined;
}

/** Starts Xvfb when asked; the caller stops it. */
export async function virtualDisplayFor(context: CommandContext): Promise<{env: NodeJS.ProcessEnv; display?: VirtualDisplay}> {
	if (context.flags.virtualDisplay !== true) return {env: process.env};
	const display = await startVirtualDisplay();
	context.say(`started a virtual display ${display.display} (Xvfb)`);
	return {env: {...process.env, DISPLAY: display.display}, display};
}

function stepLine(record: StepRecord): string {
	const mark = record.level === 'error' ? 'FAILED' : record.level === 'warn' ? 'retry' : 'ok';
	const shot = record.screenshot ? ` (screenshot ${record.screenshot})` : '';
	return `step ${record.number} ${record.name}: ${mark} ${formatDuration(record.durationMs)}  ${record.message}${shot}`;
}

const run: Command = {
	name: 'robot run',
	summary: 'run a robot now in the foreground, printing each step; exit 4 when a step fails (FILE: a path, or a name in the robots folder, --robots DIR)',
	usage: 'robot run FILE [--customer ID] [--driver nut|dry-run] [--virtual-display] [--json]',
	flags: {...robotsFlag, customer: {type: 'string'}, driver: {type: 'string'}, virtualDisplay: {type: 'boolean'}, json: {type: 'boolean'}},
	async run(context) {
		const file = robotFileArgument(run, context);
		const choice = driverFlag(run, context);
		const robot = robotFromText(fs.readFileSync(file, 'utf8'), file);
		const customerFlag = context.flags.customer;
		const customer = customerFlag === undefined ? undefined : requireCustomer(context.database(), customerIdFlag(run, customerFlag));
		if (robot.needsCustomer && !customer) throw usageError(run, `robot ${robot.name} works on a customer's data: pass --customer ID`);
		const {env, display} = await virtualDisplayFor(context);
		try {
			const driver = await openDriver(choice, context.say, env);
			const records: StepRecord[] = [];
			try {
				const result = await runRobotNow({
					db: customer ? context.database() : undefined,
					databasePath: context.databasePath,
					robot, customer, driver,
					onStep: record => {
						records.push(record);
						if (context.flags.json !== true) context.print(stepLine(record));
					},
				});
				if (context.flags.json === true) {
					const actions = driver instanceof DryRunDriver ? driver.actions : undefined;
					printJson(context, {robot: robot.name, customer_id: customer?.id ?? null, driver: driver.name, ok: result.ok, failed: result.ok ? null : result, steps: records, actions});
				} else if (driver instanceof DryRunDriver) {
					context.say(`dry run: ${driver.actions.length} desktop actions recorded:\n${driver.actions.map(action => `  ${describeAction(action)}`).join('\n')}`);
				}
				if (!result.ok) {
					context.say(`robot ${robot.name} failed at ${result.message}`);
					return exitCodes.robotFailed;
				}
				context.say(`robot ${robot.name} finished ${robot.steps.length} steps`);
				return exitCodes.ok;
			} finally {
				await driver.close();
			}
		} finally {
			await display?.stop();
		}
	},
};

function priorityFlag(command: Command, context: CommandContext): Priority | undefined {
	const value = stringFlag(context, 'priority');
	if (value !== undefined && !priorities.includes(value as Priority)) throw usageError(command, `--priority must be ${priorities.join(', ')}, got "${value}"`);
	return value as Priority | undefined;
}

const enqueue: Command = {
	name: 'robot enqueue',
	summary: 'queue a robot for workers: one job per customer (given, or matching a search); --priority high|normal|low',
	usage: 'robot enqueue FILE [--customer ID ... | --search TEXT] [--priority P] [--max-attempts N]',
	flags: {...robotsFlag, customer: {type: 'string', isMultiple: true}, search: {type: 'string'}, priority: {type: 'string'}, maxAttempts: {type: 'string'}, json: {type: 'boolean'}},
	async run(context) {
		const file = robotFileArgument(enqueue, context);
		const given = (context.flags.customer as unknown[] | undefined) ?? [];
		const search = stringFlag(context, 'search');
		if (given.length > 0 && search !== undefined) throw usageError(enqueue, 'use --customer or --search, not both');
		const maxAttempts = wholeNumberFlag(enqueue, context, 'maxAttempts', 'max-attempts');
		if (maxAttempts !== undefined && (maxAttempts < 1 || maxAttempts > 100)) throw usageError(enqueue, '--max-attempts must be between 1 and 100');
		const db = context.database();
		const customerIds = search === undefined ? given.map(value => customerIdFlag(enqueue, value)) : searchCustomers(db, search);
		if (search !== undefined && customerIds.length === 0) throw new UserError(`no customer matches "${search}"; nothing queued`);
		const jobs = await enqueueRobot(new SqliteJobQueue(db), db, {file, customerIds, priority: priorityFlag(enqueue, context), maxAttempts});
		if (context.flags.json === true) printJson(context, jobs);
		else context.print(jobs.map(job => String(job.id)).join('\n'));
		context.say(`queued ${jobs.length} job${jobs.length === 1 ? '' : 's'} of robot ${jobs[0]!.robot}`);
	},
};

function searchCustomers(db: ReturnType<CommandContext['database']>, search: string): number[] {
	const ids: number[] = [];
	let page = listCustomers(db, {search, limit: 1000});
	for (;;) {
		ids.push(...page.customers.map(customer => customer.id));
		if (!page.hasMore || page.customers.length === 0) return ids;
		page = listCustomers(db, {search, limit: 1000, cursor: cursorOf(page.customers.at(-1)!)});
	}
}

const list: Command = {
	name: 'robot list',
	summary: 'the robot files in the robots folder (beside the database unless --robots DIR)',
	usage: 'robot list [--robots DIR] [--json]',
	flags: {...robotsFlag, json: {type: 'boolean'}},
	run(context) {
		const folder = robotsFolder(context.databasePath, stringFlag(context, 'robots'));
		const robots = listRobotFiles(folder);
		if (context.flags.json === true) return printJson(context, robots);
		if (robots.length === 0) return context.say(`no robot files in ${folder} (*.yaml, *.yml or *.json)`);
		context.print(formatTable(
			[{heading: 'ROBOT', max: 30}, {heading: 'FILE', max: 50}, {heading: 'DESCRIPTION', max: 70}],
			robots.map(robot => [robot.name, robot.file, robot.problems > 0 ? `${robot.problems} problems (opsdesk robot check ${robot.file})` : robot.description]),
		));
	},
};

export const robotCommands: Command[] = [check, run, enqueue, list];
