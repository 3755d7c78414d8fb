import {batchProgress, describeProgress} from '../automation/batches.js';
import type {Db} from '../store/store.js';
import {visible} from '../text/visible.js';

/** `batch #3 (welcome for segment new-customers, queued 2026-…): 10 jobs: 4 queued, 1 running, 5 succeeded, 0 failed`. */
export async function batchLine(db: Db, id: number): Promise<string> {
	const progress = await batchProgress(db, id);
	const from = progress.schedule ? `schedule ${progress.schedule}` : progress.segment ? `segment ${progress.segment}` : 'chosen customers';
	const skipped = progress.skipped > 0 ? `; ${progress.skipped} left out with jobs pending` : '';
	return visible(`batch #${progress.id} (${progress.robot} for ${from}${progress.schedule && progress.segment ? ` over segment ${progress.segment}` : ''}, queued ${progress.created_at} by ${progress.created_by}): ${describeProgress(progress)}${skipped}`);
}
