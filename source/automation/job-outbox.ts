import {sql} from 'kysely';
import type {Db} from '../store/store.js';
import {insertJobImages, jobRowOf} from '../robot/job-queue.js';
import {jobChannel} from '../robot/job-notices.js';
import type {NewJob} from '../robot/queue.js';

/** Transactions that have already woken the workers (PostgreSQL delivers one NOTIFY per commit anyway). */
const announced = new WeakSet<Db>();

/**
 * Queues one job inside another change's transaction (a record trigger's): one insert, no
 * reading back, the workers woken once per transaction, so an import of thousands of rows
 * queues its thousands of jobs at little more than the cost of the rows.
 */
export async function queueInTransaction(tx: Db, job: NewJob, now = new Date().toISOString()): Promise<number> {
	const {id} = await tx.db.insertInto('jobs').values(jobRowOf(job, now)).returning('id').executeTakeFirstOrThrow();
	await insertJobImages(tx, Number(id), job);
	if (tx.engine === 'postgres' && !announced.has(tx)) {
		await sql`SELECT pg_notify(${jobChannel}, '')`.execute(tx.db);
		announced.add(tx);
	}
	return Number(id);
}
