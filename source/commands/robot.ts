import {requireCustomer} from '../customers/customers.js';
import {listCustomers, cursorOf} from '../customers/customer-list.js';
import {ConflictError, UserError, exitCodes} from '../store/errors.js';
import {visible} from '../text/visible.js';
import {runRobotNow} from '../robot/direct-run.js';
import {DisplayBusy, lockDisplay, thisProcess, type DisplayLock} from '../robot/display-lock.js';
import {displayFor, parseScreenSize} from '../robot/display-session.js';
import {describeAction, DryRunDriver} from '../robot/dry-run-driver.js';
import type {DriverName} from '../robot/driver.js';
import {driverNames, openDriver, robotNeedsDesktop} from '../robot/drivers.js';
import {enqueueRobot} from '../robot/enqueue.js';
import {openJobQueue} from '../robot/open-queue.js';
import {reapLeftovers} from '../robot/process-registry.js';
import {priorities, type Priority} from '../robot/queue.js';
import {allSteps} from '../robot/flow-steps.js';
import type {ImageRef} from '../robot/looks.js';
import {formatProblem, robotImages, templatedTexts, type Robot} from '../robot/robot.js';
import {loadRobotImages} from '../robot/robot-images.js';
import {parseRobot, readRobotText, robotFromText, type ParsedRobot} from '../robot/robot-file.js';
import {resolveRobotFile, robotsFolder, scanRobotFolder} from '../robot/robot-folder.js';
import type {StepRecord} from '../robot/runner.js';
import type {VirtualDisplay} from '../robot/virtual-display.js';
import type {Command, CommandContext} from './command.js';
import type {Db} from '../store/store.js';
import {secretKeyFile, secretKeyForReading} from '../secrets/key-file.js';
import {secretNamesIn} from '../robot/templates.js';
import {printJson, stringFlag, usageError, wholeNumberFlag} from './arguments.js';
import {stepLine} from './robot-output.js';
import {enqueueAsBatch} from './enqueue-batch.js';
import {searchFlag} from './search-flag.js';
import {formatTable} from './table.js';

const robotsFlag = {robots: {type: 'string'}} as const;

function robotFileArgument(command: Command, context: CommandContext): string {
	const [given, ...extra] = context.args;
	if (given === undefined) throw usageError(command, 'missing FILE');
	if (extra.length > 0) throw usageError(command, `unexpected argument "${extra[0]}"`);
	return resolveRobotFile(given, robotsFolder(context.databasePath, stringFlag(context, 'robots')));
}

/** A robot file read and validated with the images it looks for, or a UserError listing its problems (exit 2). */
export function loadRobot(file: string): {robot: Robot; images: ImageRef[]} {
	const read = readRobotText(file);
	if ('problem' in read) throw new UserError(visible(formatProblem(read.problem)), exitCodes.rejected);
	const robot = robotFromText(read.text, file);
	const {images, problems} = loadRobotImages(robot, file);
	if (problems.length > 0) throw new UserError(problems.map(problem => visible(formatProblem(problem))).join('\n'), exitCodes.rejected);
	return {robot, images: [...images.values()]};
}

function customerIdFlag(command: Command, value: unknown): number {
	const text = String(value).replace(/^#/, '');
	if (!/^\d{1,15}$/.test(text) || Number(text) < 1) throw usageError(command, `--customer must be a customer number such as 42, got "${visible(String(value))}"`);
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
			const read = readRobotText(file);
			const parsed: ParsedRobot = 'problem' in read ? {problems: [read.problem]} : parseRobot(read.text, file);
			const found = parsed.robot ? loadRobotImages(parsed.robot, file).problems : parsed.problems;
			if (parsed.robot && found.length === 0) {
				const images = robotImages(parsed.robot.steps).length;
				context.say(`${visible(file)}: ok (robot ${parsed.robot.name}, ${allSteps(parsed.robot.steps).length} steps${images > 0 ? `, ${images} image${images === 1 ? '' : 's'}` : ''})`);
			}
			for (const problem of found) context.say(visible(formatProblem(problem)));
			problems += found.length;
		}
		return problems > 0 ? exitCodes.rejected : exitCodes.ok;
	},
};

function driverFlag(command: Command, context: CommandContext): DriverName | undefined {
	const value = stringFlag(context, 'driver');
	if (value !== undefined && !driverNames.includes(value as DriverName)) throw usageError(command, `--driver must be ${driverNames.join(' or ')}, got "${visible(value)}"`);
	return value as DriverName | undefined;
}

export function screenFlag(command: Command, context: CommandContext): {width: number; height: number} | undefined {
	const value = stringFlag(context, 'screen');
	if (value === undefined) return undefined;
	const size = parseScreenSize(value);
	if (!size) throw usageError(command, `--screen must be WIDTHxHEIGHT in pixels, such as 1920x1080, got "${visible(value)}"`);
	if (context.flags.virtualDisplay !== true) throw usageError(command, '--screen sets the size of the virtual display: use it with --virtual-display');
	return size;
}

const run: Command = {
	name: 'robot run',
	summary: 'run a robot now in the foreground, printing each step; exit 4 when a step fails (FILE: a path, or a name in the robots folder, --robots DIR)',
	usage: 'robot run FILE [--customer ID] [--driver nut|dry-run] [--virtual-display [--screen WxH]] [--json]',
	flags: {...robotsFlag, customer: {type: 'string'}, driver: {type: 'string'}, virtualDisplay: {type: 'boolean'}, screen: {type: 'string'}, json: {type: 'boolean'}},
	async run(context) {
		const file = robotFileArgument(run, context);
		const choice = driverFlag(run, context);
		const screen = screenFlag(run, context);
		const {robot, images} = loadRobot(file);
		const customerFlag = context.flags.customer;
		const customerId = customerFlag === undefined ? undefined : customerIdFlag(run, customerFlag);
		const customer = customerId === undefined ? undefined : await requireCustomer(await context.store(), customerId);
		if (robot.needsCustomer && !customer) throw usageError(run, `robot ${robot.name} works on a customer's data: pass --customer ID`);
		const onDesktop = choice !== 'dry-run' && robotNeedsDesktop(robot);
		let virtual: VirtualDisplay | undefined;
		let lock: DisplayLock | undefined;
		try {
			let env = process.env;
			if (onDesktop) {
				for (const line of await reapLeftovers()) context.say(line);
				const session = await displayFor({virtual: context.flags.virtualDisplay === true, screen}, context.say);
				({env, virtual} = session);
				lock = await lockDisplay(session.display, `robot run ${robot.name} (${thisProcess()})`).catch(error => {
					if (error instanceof DisplayBusy) throw new ConflictError(`${visible(error.message)}; run it again when that robot finished`);
					throw error;
				});
			}
			const driver = await openDriver(choice, robot, env);
			const records: StepRecord[] = [];
			try {
				const result = await runRobotNow({
					// Email steps and secrets need the database even without a customer (the secret smtp).
					db: customer || usesStore(robot) ? await context.store() : undefined,
					secretKey: () => secretKeyForReading(secretKeyFile(context.target)),
					databasePath: context.databasePath,
					robot, customer, driver, images,
					onStep: record => {
						records.push(record);
						if (context.flags.json !== true) context.print(stepLine(record));
					},
				});
				if (context.flags.json === true) {
					const actions = driver instanceof DryRunDriver ? driver.actions : undefined;
					const looks = driver instanceof DryRunDriver ? driver.looks : undefined;
					printJson(context, {robot: robot.name, customer_id: customer?.id ?? null, driver: driver.name, dry_run: driver.name === 'dry-run', ok: result.ok, failed: result.ok ? null : result, steps: records, actions, looks});
				} else if (driver instanceof DryRunDriver) {
					context.say(`dry run: nothing was done and nothing written; ${driver.actions.length} desktop actions it would take:\n${driver.actions.map(action => `  ${visible(describeAction(action))}`).join('\n')}`);
				}
				if (!result.ok) {
					context.say(`robot ${robot.name} failed at ${visible(result.message)}`);
					return exitCodes.robotFailed;
				}
				context.say(`robot ${robot.name} finished ${robot.steps.length} steps${driver.name === 'dry-run' ? ' (dry run)' : ''}`);
				return exitCodes.ok;
			} finally {
				await driver.close();
			}
		} finally {
			await lock?.release();
			await virtual?.stop();
		}
	},
};

function priorityFlag(command: Command, context: CommandContext): Priority | undefined {
	const value = stringFlag(context, 'priority');
	if (value !== undefined && !priorities.includes(value as Priority)) throw usageError(command, `--priority must be ${priorities.join(', ')}, got "${visible(value)}"`);
	return value as Priority | undefined;
}

const enqueue: Command = {
	name: 'robot enqueue',
	summary: 'queue a robot for workers: one job per customer (given, or matching a search); --priority high|normal|low',
	usage: 'robot enqueue FILE [--customer ID ... | --search TEXT | --segment NAME] [--skip-pending] [--priority P] [--max-attempts N]',
	flags: {...robotsFlag, customer: {type: 'string', isMultiple: true}, search: {type: 'string'}, segment: {type: 'string'}, skipPending: {type: 'boolean'}, priority: {type: 'string'}, maxAttempts: {type: 'string'}, json: {type: 'boolean'}},
	async run(context) {
		const file = robotFileArgument(enqueue, context);
		const given = (context.flags.customer as unknown[] | undefined) ?? [];
		const search = searchFlag(enqueue, context);
		if (given.length > 0 && search !== undefined) throw usageError(enqueue, 'use --customer or --search, not both');
		const maxAttempts = wholeNumberFlag(enqueue, context, 'maxAttempts', 'max-attempts');
		if (maxAttempts !== undefined && (maxAttempts < 1 || maxAttempts > 100)) throw usageError(enqueue, '--max-attempts must be between 1 and 100');
		// A segment, or leaving out customers with pending jobs: one batch (source/commands/enqueue-batch.ts).
		if (context.flags.segment !== undefined || context.flags.skipPending === true) {
			return enqueueAsBatch(context, enqueue, {file, customerIds: given.map(value => customerIdFlag(enqueue, value)), search, priority: priorityFlag(enqueue, context), maxAttempts});
		}
		loadRobot(file);
		const db = await context.store();
		const customerIds = search === undefined ? given.map(value => customerIdFlag(enqueue, value)) : await searchCustomers(db, search);
		// Nothing found is an answer, not a failure: exit 0, saying so (as customers list does).
		if (search !== undefined && customerIds.length === 0) {
			if (context.flags.json === true) printJson(context, []);
			context.say(`no customer matches "${visible(search)}"; nothing queued`);
			return;
		}
		const queue = openJobQueue(db);
		const jobs = await enqueueRobot(queue, db, {file, customerIds, priority: priorityFlag(enqueue, context), maxAttempts}).finally(() => queue.close());
		if (context.flags.json === true) printJson(context, jobs);
		else context.print(jobs.map(job => String(job.id)).join('\n'));
		context.say(`queued ${jobs.length} job${jobs.length === 1 ? '' : 's'} of robot ${jobs[0]!.robot}`);
	},
};

async function searchCustomers(db: Db, search: string): Promise<number[]> {
	const ids: number[] = [];
	let page = await listCustomers(db, {search, limit: 1000});
	for (;;) {
		ids.push(...page.customers.map(customer => customer.id));
		if (!page.hasMore || page.customers.length === 0) return ids;
		page = await listCustomers(db, {search, limit: 1000, cursor: cursorOf(page.customers.at(-1)!)});
	}
}

const list: Command = {
	name: 'robot list',
	summary: 'the robot files in the robots folder (beside the database unless --robots DIR or OPSDESK_ROBOTS)',
	usage: 'robot list [--robots DIR] [--json]',
	flags: {...robotsFlag, json: {type: 'boolean'}},
	run(context) {
		const folder = robotsFolder(context.databasePath, stringFlag(context, 'robots'));
		const {robots, warnings} = scanRobotFolder(folder);
		for (const warning of warnings) context.say(`warning: ${visible(warning)}`);
		if (context.flags.json === true) return printJson(context, robots);
		if (robots.length === 0) {
			context.say(`no robot files in ${visible(folder)} (*.yaml, *.yml or *.json)`);
			return;
		}
		context.print(formatTable(
			[{heading: 'ROBOT', max: 30}, {heading: 'FILE', max: 50}, {heading: 'DESCRIPTION', max: 70}],
			robots.map(robot => [robot.name, robot.file, robot.problems > 0 ? `${robot.problems} problems (opsdesk robot check ${robot.file})` : robot.description].map(value => visible(value))),
		));
	},
};

export const robotCommands: Command[] = [check, run, enqueue, list];

function usesStore(robot: Robot): boolean {
	const steps = allSteps(robot.steps);
	return steps.some(step => step.step === 'email' || step.step === 'report') || secretNamesIn(steps.flatMap(step => templatedTexts(step))).length > 0;
}
