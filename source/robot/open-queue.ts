import type {Database} from 'better-sqlite3';
import type {JobQueue, QueueOptions} from './queue.js';
import {SqliteJobQueue} from './sqlite-queue.js';

/**
 * The one place that picks the queue's engine: everything that reads or writes jobs (commands,
 * workers, the desk) gets a JobQueue from here, so a PostgreSQL queue changes only this file.
 */
export function openJobQueue(db: Database, options: QueueOptions = {}): JobQueue {
	return new SqliteJobQueue(db, options);
}
