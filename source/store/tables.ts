import type {Generated} from 'kysely';

/**
 * The tables as both engines store them, for Kysely's typed queries. One shape on both:
 * times are ISO-8601 UTC text, flags are 0/1 integers, tags are JSON text, money is integer
 * cents, so a row reads the same from SQLite and PostgreSQL (the PostgreSQL pool parses
 * bigint and count() results as numbers, see source/store/postgres/pool.ts).
 */
export type CustomersTable = {
	id: number;
	name: string;
	company: string;
	email: string;
	phone: string;
	address: string;
	city: string;
	country: string;
	status: string;
	tags: string;
	notes: string;
	created_at: string;
	updated_at: string;
	deleted_at: string | null;
	version: Generated<number>;
	name_key: string;
	name_rank: number;
	search_text: string;
	/** Duplicate blocking keys (source/duplicates/match-columns.ts); null: not computed yet. */
	match_email: string | null;
	match_phone: string | null;
	match_company: string | null;
	match_city: string | null;
	match_name_a: string | null;
	match_name_b: string | null;
	/** The customer this one was merged into (it is deleted then). */
	merged_into: number | null;
	/** PostgreSQL only: the hashed trigrams search looks up (source/customers/search-keys.ts). */
	search_keys?: number[];
};

export type CustomerHistoryTable = {
	id: Generated<number>;
	customer_id: number;
	at: string;
	field: string;
	old_value: string | null;
	new_value: string | null;
	actor: string;
};

export type InteractionsTable = {
	id: Generated<number>;
	customer_id: number;
	kind: string;
	direction: string;
	subject: string;
	body: string;
	at: string;
	actor: string;
	job_id: number | null;
};

export type OrdersTable = {
	id: Generated<number>;
	number: string;
	customer_id: number;
	status: string;
	amount: number;
	currency: string;
	placed_at: string;
	closed_at: string | null;
	note: string;
	created_at: string;
	updated_at: string;
};

export type OrderDailyTable = {currency: string; day: string; status: string; orders: number; amount: number};
export type CustomerRevenueTable = {customer_id: number; currency: string; revenue: number; orders: number};
export type CustomerMonthlyTable = {customer_id: number; currency: string; month: string; revenue: number; orders: number};
export type CustomerQuarterlyTable = {customer_id: number; currency: string; quarter: string; revenue: number; orders: number};
export type CustomerYearlyTable = {customer_id: number; currency: string; year: string; revenue: number; orders: number};
export type InteractionDailyTable = {day: string; kind: string; interactions: number};
export type CustomerDailyTable = {day: string; customers: number};
export type JobMonthlyTable = {month: string; robot: string; status: string; duration_bucket: number; jobs: number};
export type JobQuarterlyTable = {quarter: string; robot: string; status: string; duration_bucket: number; jobs: number};
export type JobYearlyTable = {year: string; robot: string; status: string; duration_bucket: number; jobs: number};

export type JobsTable = {
	id: Generated<number>;
	robot: string;
	robot_file: string;
	robot_text: string;
	customer_id: number | null;
	priority: number;
	status: string;
	attempts: number;
	max_attempts: number;
	attempts_granted: number;
	run_after: string;
	lease_token: string | null;
	lease_owner: string | null;
	lease_expires_at: string | null;
	created_at: string;
	started_at: string | null;
	finished_at: string | null;
	updated_at: string;
	last_error: string | null;
	dry_run: number;
	/** Migration 7: where the job came from, and whether its robot needs a desktop. */
	batch_id: Generated<number | null>;
	schedule: Generated<string | null>;
	scheduled_for: Generated<string | null>;
	trigger_name: Generated<string | null>;
	trigger_depth: Generated<number>;
	needs_desktop: Generated<number>;
};

export type JobLogsTable = {
	id: Generated<number>;
	job_id: number;
	attempt: number;
	step: number | null;
	at: string;
	level: string;
	message: string;
	duration_ms: number | null;
	screenshot: string | null;
};

export type JobEffectsTable = {job_id: number; step: number; pass: string; attempt: number; at: string};
export type RobotImagesTable = {sha256: string; png: Uint8Array};
export type JobImagesTable = {job_id: number; name: string; sha256: string};

export type SegmentsTable = {id: Generated<number>; name: string; definition: string; created_at: string; updated_at: string};

export type BatchesTable = {
	id: Generated<number>;
	robot: string;
	segment: string | null;
	schedule: string | null;
	created_at: string;
	created_by: string;
	jobs: number;
	/** Customers left out because they already had a queued or running job of the robot. */
	skipped: Generated<number>;
};

/** The robot a schedule or trigger runs, copied when it was added (as a queued job keeps its copy). */
type RobotCopyColumns = {
	robot: string;
	robot_file: string;
	robot_text: string;
	/** JSON: [{name, sha256}] of the PNGs in robot_images. */
	robot_images: string;
	needs_desktop: number;
};

export type SchedulesTable = RobotCopyColumns & {
	id: Generated<number>;
	name: string;
	segment_id: number | null;
	customer_id: number | null;
	cron: string;
	timezone: string;
	/** JSON array of `YYYY-MM-DD`. */
	skip_dates: string;
	paused: number;
	priority: number;
	max_attempts: number;
	created_at: string;
	updated_at: string;
	last_due_at: string;
	next_due_at: string | null;
};

export type ScheduleRunsTable = {
	schedule_id: number;
	due_at: string;
	fired_at: string;
	fired_by: string;
	jobs: number;
	missed: number;
	batch_id: number | null;
	note: string;
};

export type TriggersTable = RobotCopyColumns & {
	id: Generated<number>;
	name: string;
	event: string;
	from_status: string | null;
	to_status: string | null;
	tag: string | null;
	kind: string | null;
	direction: string | null;
	segment_id: number | null;
	paused: number;
	priority: number;
	max_attempts: number;
	created_at: string;
	updated_at: string;
};

export type JobEmailsTable = {
	job_id: number;
	step: number;
	pass: string;
	message_id: string;
	recipients: string;
	subject: string;
	state: 'sending' | 'sent' | 'refused' | 'resend';
	attempt: number;
	prepared_at: string;
	sent_at: string | null;
	server_reply: string | null;
};

export type SecretsTable = {name: string; sealed: string; created_at: string; updated_at: string};

export type MergesTable = {
	id: Generated<number>;
	keep_id: number;
	/** JSON array of the merged customers' ids. */
	other_ids: string;
	prefer: 'keep' | 'other';
	at: string;
	actor: string;
	/** KEEP's version right after the merge: undo refuses if it moved since. */
	keep_version: number;
	/** JSON: what moved, for `merges list`. */
	summary: string;
	undone_at: string | null;
	undone_by: string | null;
};

export type MergeRowsTable = {
	merge_id: number;
	seq: number;
	table_name: string;
	/** JSON of the row's key (`{"id": 7}`, `{"customer_id": 3, "currency": "EUR"}`). */
	row_key: string;
	action: 'updated' | 'moved' | 'inserted' | 'deleted';
	/** JSON of the whole row before the merge (null for a row the merge inserted). */
	before: string | null;
};

export type DuplicateDismissalsTable = {low_id: number; high_id: number; at: string; actor: string};

/** Every table opsdesk keeps; features add theirs here with their migration. */
export type Tables = {
	customers: CustomersTable;
	customer_history: CustomerHistoryTable;
	interactions: InteractionsTable;
	orders: OrdersTable;
	order_daily: OrderDailyTable;
	customer_revenue: CustomerRevenueTable;
	customer_monthly: CustomerMonthlyTable;
	customer_quarterly: CustomerQuarterlyTable;
	customer_yearly: CustomerYearlyTable;
	interaction_daily: InteractionDailyTable;
	customer_daily: CustomerDailyTable;
	job_monthly: JobMonthlyTable;
	job_quarterly: JobQuarterlyTable;
	job_yearly: JobYearlyTable;
	jobs: JobsTable;
	job_logs: JobLogsTable;
	job_effects: JobEffectsTable;
	robot_images: RobotImagesTable;
	job_images: JobImagesTable;
	segments: SegmentsTable;
	batches: BatchesTable;
	schedules: SchedulesTable;
	schedule_runs: ScheduleRunsTable;
	triggers: TriggersTable;
	job_emails: JobEmailsTable;
	secrets: SecretsTable;
	merges: MergesTable;
	merge_rows: MergeRowsTable;
	duplicate_dismissals: DuplicateDismissalsTable;
};
