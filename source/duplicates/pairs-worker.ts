// The desk's duplicate check in a process of its own (pairs-aside.ts). On SQLite the check is
// a few long statements that hold the thread they run on for seconds at 200k customers: in
// the desk's thread they held every key, every frame and Ctrl-C; in a worker thread they
// still held the desk's exit, which waits for a thread's statement to end. A process is
// ended at once. Reads the file through a read-only connection of its own; takes its input
// as the first message and answers with one. Built as its own entry (dist/duplicates/pairs-worker.js).
import {openSqliteStore} from '../store/store.js';
import {migrations} from '../migrations.js';
import {findDuplicatePairs, type PairSearch, type PairSearchResult} from './candidate-pairs.js';

export type PairsCheckInput = {file: string; search: PairSearch};
export type PairsCheckReply = {ok: true; result: PairSearchResult} | {ok: false; message: string; code?: string};

async function check(input: PairsCheckInput): Promise<PairsCheckReply> {
	const store = openSqliteStore({engine: 'sqlite', file: input.file, shown: input.file}, {migrations, readonly: true, changePollMs: 0});
	try {
		return {ok: true, result: await findDuplicatePairs(store, input.search)};
	} finally {
		await store.close();
	}
}

process.once('message', (input: PairsCheckInput) => {
	void check(input).catch((error: unknown): PairsCheckReply => ({ok: false, message: (error as Error).message, code: (error as {code?: string}).code}))
		.then(reply => process.send!(reply, () => process.disconnect()));
});
// The desk went away (its channel closed) before the answer: nobody wants it.
process.once('disconnect', () => process.exit(0));
