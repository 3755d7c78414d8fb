import {cursorOf, listCustomers} from '../customers/customer-list.js';
import {checkSearch} from '../customers/search-limits.js';
import {batchProgress, enqueueBatch} from '../automation/batches.js';
import {readRobotCopy} from '../automation/robot-copy.js';
import {requireSegment} from '../automation/segments.js';
import {describeDefinition} from '../automation/segment-definition.js';
import type {Db} from '../store/store.js';
import {visible} from '../text/visible.js';
import type {Priority} from '../robot/queue.js';
import type {Command, CommandContext} from './command.js';
import {printJson, stringFlag, usageError} from './arguments.js';

type Request = {file: string; customerIds: number[]; search?: string; priority?: Priority; maxAttempts?: number};

async function searchedIds(db: Db, search: string): Promise<number[]> {
	checkSearch(search);
	const ids: number[] = [];
	let page = await listCustomers(db, {search, limit: 1000});
	for (;;) {
		ids.push(...page.customers.map(customer => customer.id));
		const last = page.customers.at(-1);
		if (!page.hasMore || !last) return ids;
		page = await listCustomers(db, {search, limit: 1000, cursor: cursorOf(last)});
	}
}

/**
 * `robot enqueue --segment NAME` (and `--skip-pending`): one job per customer in the segment at
 * this moment, as one batch whose number is printed; `jobs list --batch N` follows it.
 */
export async function enqueueAsBatch(context: CommandContext, command: Command, request: Request): Promise<number> {
	const segmentName = stringFlag(context, 'segment');
	const ways = [segmentName !== undefined, request.search !== undefined, request.customerIds.length > 0].filter(Boolean).length;
	if (ways > 1) throw usageError(command, 'name the customers one way: --customer, --search or --segment');
	const copy = readRobotCopy(request.file);
	if (ways === 0) {
		if (copy.robot.needsCustomer) throw usageError(command, `robot ${copy.robot.name} works on a customer's data: name customers with --customer ID, --search TEXT or --segment NAME`);
		throw usageError(command, '--skip-pending leaves out customers with a pending job: name them with --customer, --search or --segment');
	}
	const store = await context.store();
	const segment = segmentName === undefined ? undefined : await requireSegment(store, segmentName);
	const customerIds = request.search !== undefined ? await searchedIds(store, request.search) : request.customerIds;
	// Nothing found is an answer, not a failure, and makes no batch: exit 0, saying so.
	if (request.search !== undefined && customerIds.length === 0) {
		if (context.flags.json === true) printJson(context, {batch: null, jobs: []});
		context.say(`no customer matches "${visible(request.search)}"; nothing queued`);
		return 0;
	}
	const {batch, jobs} = await enqueueBatch(store, {
		copy, ...(segment ? {segment} : {customerIds}), skipPending: context.flags.skipPending === true,
		priority: request.priority, maxAttempts: request.maxAttempts, createdBy: 'operator',
	});
	if (context.flags.json === true) printJson(context, {batch: await batchProgress(store, batch.id), jobs});
	else context.print(segment ? String(batch.id) : jobs.map(job => String(job.id)).join('\n'));
	const skipped = batch.skipped > 0 ? `; ${batch.skipped} left out: a job of ${copy.robot.name} is already queued or running for them` : '';
	if (segment) {
		const none = batch.jobs === 0 && batch.skipped === 0 ? ` (no customer is in it now: ${describeDefinition(segment.definition)})` : '';
		context.say(visible(`queued ${batch.jobs} job${batch.jobs === 1 ? '' : 's'} of robot ${copy.robot.name} for segment ${segment.name} as batch #${batch.id}${none}${skipped}; follow it with opsdesk jobs list --batch ${batch.id}`));
	} else {
		context.say(visible(`queued ${batch.jobs} job${batch.jobs === 1 ? '' : 's'} of robot ${copy.robot.name}${skipped}`));
	}
	return 0;
}
