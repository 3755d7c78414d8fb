import type {Db} from '../store/store.js';
import {priorities, type Job, type JobStatus} from './queue.js';
import type {JobRow} from './queue-engine.js';

/** A jobs row with its customer's name, for people reading the queue. */
export type ListedJobRow = JobRow & {customer_name: string | null};

/** The jobs with their customers' names, newest first unless the caller orders otherwise. */
export function listedJobs(db: Db) {
	return db.db.selectFrom('jobs').leftJoin('customers', 'customers.id', 'jobs.customer_id').selectAll('jobs').select('customers.name as customer_name');
}

/**
 * A Job as commands, the desk and `--json` show it. `lease_owner` stays in the row after the
 * lease ends: it is the worker of the latest attempt (`worker`); as `lease_owner` it is shown
 * only while that worker holds the job.
 */
export function jobFromRow(row: ListedJobRow): Job {
	const {robot_text: _text, lease_token: _token, attempts_granted: _granted, priority, dry_run: dryRun, lease_owner: worker, needs_desktop: needsDesktop, ...rest} = row;
	return {
		...rest,
		needs_desktop: needsDesktop !== 0,
		status: row.status as JobStatus,
		priority: priorities[priority] ?? 'normal',
		dry_run: dryRun === 1,
		lease_owner: row.status === 'running' ? worker : null,
		worker,
	};
}
