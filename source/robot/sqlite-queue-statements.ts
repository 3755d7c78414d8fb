import type {Job, JobLog} from './queue.js';
import {statementCache} from '../store/statements.js';

/** A jobs row as stored: a Job plus what only the queue itself reads (priority as its sort number). */
export type JobRow = Omit<Job, 'priority' | 'dry_run'> & {
	dry_run: number;
	robot_text: string;
	priority: number;
	attempts_granted: number;
	lease_token: string | null;
};

const jobColumns = 'jobs.*, customers.name AS customer_name';
const fromJobs = 'FROM jobs LEFT JOIN customers ON customers.id = jobs.customer_id';

/** The queue's SQL, prepared once per database. */
export const jobStatements = statementCache(db => ({
	insert: db.prepare(`INSERT INTO jobs (robot, robot_file, robot_text, customer_id, priority, max_attempts, attempts_granted, run_after, created_at, updated_at)
		VALUES (@robot, @robot_file, @robot_text, @customer_id, @priority, @max_attempts, @max_attempts, @now, @now, @now)`),
	byId: db.prepare<[number], JobRow>(`SELECT ${jobColumns} ${fromJobs} WHERE jobs.id = ?`),
	// INDEXED BY: the planner prefers jobs_by_status and then sorts every queued job on each lease.
	nextReady: db.prepare<[string], JobRow>(`SELECT *, NULL AS customer_name FROM jobs INDEXED BY jobs_ready
		WHERE status = 'queued' AND run_after <= ? ORDER BY priority, created_at, id LIMIT 1`),
	expired: db.prepare<[string], JobRow>(`SELECT *, NULL AS customer_name FROM jobs INDEXED BY jobs_leased
		WHERE status = 'running' AND lease_expires_at <= ?`),
	take: db.prepare(`UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_token = @token, lease_owner = @owner,
		lease_expires_at = @expires, started_at = @now, updated_at = @now, dry_run = @dry_run WHERE id = @id AND status = 'queued'`),
	extend: db.prepare(`UPDATE jobs SET lease_expires_at = @expires WHERE id = @id AND lease_token = @token AND status = 'running'`),
	holds: db.prepare<[number, string], {id: number}>(`SELECT id FROM jobs WHERE id = ? AND lease_token = ? AND status = 'running'`),
	requeue: db.prepare(`UPDATE jobs SET status = 'queued', run_after = @run_after, last_error = @error, lease_token = NULL,
		lease_owner = NULL, lease_expires_at = NULL, updated_at = @now WHERE id = @id`),
	requeueLeased: db.prepare(`UPDATE jobs SET status = 'queued', run_after = @run_after, last_error = @error, lease_token = NULL,
		lease_owner = NULL, lease_expires_at = NULL, updated_at = @now WHERE id = @id AND lease_token = @token`),
	finish: db.prepare(`UPDATE jobs SET status = @status, last_error = coalesce(@error, last_error), lease_token = NULL, lease_owner = NULL,
		lease_expires_at = NULL, finished_at = @now, updated_at = @now WHERE id = @id`),
	finishLeased: db.prepare(`UPDATE jobs SET status = @status, last_error = coalesce(@error, last_error), lease_token = NULL, lease_owner = NULL,
		lease_expires_at = NULL, finished_at = @now, updated_at = @now WHERE id = @id AND lease_token = @token AND status = 'running'`),
	retry: db.prepare(`UPDATE jobs SET status = 'queued', run_after = @now, max_attempts = attempts + attempts_granted, finished_at = NULL,
		updated_at = @now WHERE id = @id`),
	list: db.prepare<[number], JobRow>(`SELECT ${jobColumns} ${fromJobs} ORDER BY jobs.id DESC LIMIT ?`),
	listByStatus: db.prepare<[string, number], JobRow>(`SELECT ${jobColumns} ${fromJobs} WHERE jobs.status = ? ORDER BY jobs.id DESC LIMIT ?`),
	insertLog: db.prepare(`INSERT INTO job_logs (job_id, attempt, step, at, level, message, duration_ms, screenshot)
		VALUES (@job_id, @attempt, @step, @at, @level, @message, @duration_ms, @screenshot)`),
	logs: db.prepare<[number, number, number], JobLog>('SELECT * FROM job_logs WHERE job_id = ? AND id > ? ORDER BY id LIMIT ?'),
	effect: db.prepare<[number, number, string], {attempt: number}>('SELECT attempt FROM job_effects WHERE job_id = ? AND step = ? AND pass = ?'),
	insertEffect: db.prepare('INSERT INTO job_effects (job_id, step, pass, attempt, at) VALUES (?, ?, ?, ?, ?)'),
	insertImage: db.prepare('INSERT INTO robot_images (sha256, png) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING'),
	insertJobImage: db.prepare('INSERT INTO job_images (job_id, name, sha256) VALUES (?, ?, ?)'),
	jobImages: db.prepare<[number], {name: string; sha256: string; png: Buffer}>(`SELECT job_images.name, job_images.sha256, robot_images.png
		FROM job_images JOIN robot_images ON robot_images.sha256 = job_images.sha256 WHERE job_images.job_id = ?`),
	nextEvent: db.prepare<[], {next: string | null}>(`SELECT min(t) AS next FROM (
		SELECT min(run_after) AS t FROM jobs WHERE status = 'queued'
		UNION ALL SELECT min(lease_expires_at) FROM jobs WHERE status = 'running')`),
}));
