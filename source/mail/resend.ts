import type {Db} from '../store/store.js';

/**
 * The job's emails whose sending was never confirmed (state `sending`). With `resend` they are
 * marked to go out again on the job's next run; without, they are only named.
 */
export async function markForResend(db: Db, jobId: number, resend: boolean): Promise<Array<{step: number; message_id: string}>> {
	return db.write(async tx => {
		const unsure = await tx.db.selectFrom('job_emails').select(['step', 'message_id']).where('job_id', '=', jobId).where('state', '=', 'sending').orderBy('step').execute();
		if (resend && unsure.length > 0) await tx.db.updateTable('job_emails').set({state: 'resend'}).where('job_id', '=', jobId).where('state', '=', 'sending').execute();
		return unsure.map(email => ({step: Number(email.step), message_id: email.message_id}));
	});
}

/** The emails a job's steps sent or tried to send (its outbox rows), for `jobs show`. */
export async function jobEmails(db: Db, jobId: number) {
	const rows = await db.db.selectFrom('job_emails').selectAll().where('job_id', '=', jobId).orderBy('step').orderBy('pass').execute();
	return rows.map(({job_id: _job, recipients, ...email}) => ({...email, step: Number(email.step), attempt: Number(email.attempt), recipients: JSON.parse(recipients) as string[]}));
}
