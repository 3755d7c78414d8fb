import path from 'node:path';
import {requireCustomer} from '../customers/customers.js';
import {UserError, exitCodes} from '../store/errors.js';
import type {Db} from '../store/store.js';
import type {Job, JobQueue, Priority} from './queue.js';
import {formatProblem} from './robot.js';
import {readRobotText, robotFromText} from './robot-file.js';
import {loadRobotImages} from './robot-images.js';
import {robotNeedsDesktop} from './drivers.js';
import {visible} from '../text/visible.js';

export type EnqueueRequest = {
	file: string;
	/** One job per customer; empty for a robot that needs none. */
	customerIds: number[];
	priority?: Priority;
	maxAttempts?: number;
};

/**
 * Validates the robot file and queues one job per customer, each with a copy of the file's
 * text and of the images it looks for: editing them later does not change jobs already queued.
 */
export async function enqueueRobot(queue: JobQueue, db: Db, request: EnqueueRequest): Promise<Job[]> {
	const read = readRobotText(request.file);
	if ('problem' in read) throw new UserError(visible(formatProblem(read.problem)), exitCodes.rejected);
	const {text} = read;
	const robot = robotFromText(text, request.file);
	const {images, problems} = loadRobotImages(robot, request.file);
	if (problems.length > 0) throw new UserError(problems.map(problem => visible(formatProblem(problem))).join('\n'), exitCodes.rejected);
	if (robot.needsCustomer && request.customerIds.length === 0) {
		throw new UserError(`robot ${robot.name} works on a customer's data: name customers with --customer ID or --search TEXT`, exitCodes.usage);
	}
	await requireLiveCustomers(db, request.customerIds);
	const customers: Array<number | null> = request.customerIds.length > 0 ? request.customerIds : [null];
	return queue.enqueue(customers.map(customerId => ({
		robot: robot.name,
		robotFile: path.resolve(request.file),
		robotText: text,
		images: [...images.values()],
		customerId,
		priority: request.priority,
		maxAttempts: request.maxAttempts,
		needsDesktop: robotNeedsDesktop(robot),
	})));
}

/** Every customer is there and not deleted; otherwise the first that is not, as requireCustomer says it. */
async function requireLiveCustomers(db: Db, ids: readonly number[]): Promise<void> {
	// A few queries for thousands of customers (an enqueue by search), not one each.
	for (let start = 0; start < ids.length; start += 500) {
		const chunk = ids.slice(start, start + 500);
		const live = new Set((await db.db.selectFrom('customers').select('id').where('id', 'in', chunk).where('deleted_at', 'is', null).execute()).map(row => row.id));
		const missing = chunk.find(id => !live.has(id));
		if (missing !== undefined) await requireCustomer(db, missing);
	}
}
