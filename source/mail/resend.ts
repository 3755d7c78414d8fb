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
