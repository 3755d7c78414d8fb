import {fork} from 'node:child_process';
import type {Db} from '../store/store.js';
import {childProgram} from '../csv/worker-file.js';
import {fillMatchColumns, findDuplicatePairs, type PairSearch, type PairSearchResult} from './candidate-pairs.js';
import type {PairsCheckInput, PairsCheckReply} from './pairs-worker.js';

/**
 * findDuplicatePairs for the desk: on an SQLite file, in a child process (pairs-worker.ts), so
 * keys, frames and Ctrl-C go on while it runs (at 200k customers it takes 10-20 s here), and
 * quitting ends it at once. Blocking keys not computed yet are caught up first, here: the
 * child only reads. On PostgreSQL the statements run in the server and this thread stays free.
 */
export async function findDuplicatePairsAside(db: Db, search: PairSearch = {}): Promise<PairSearchResult> {
	const file = db.sqlite && !db.sqlite.memory ? db.sqlite.name : undefined;
	if (!file) return findDuplicatePairs(db, search);
	await fillMatchColumns(db);
	const program = childProgram(import.meta.url, 'duplicates', 'pairs-worker');
	const child = fork(program.file, [], {execArgv: program.execArgv, stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'advanced'});
	// A check still running never keeps the desk from ending (q, Ctrl-C): it is ended with it.
	const end = () => child.kill('SIGKILL');
	process.once('exit', end);
	child.unref();
	child.channel?.unref();
	try {
		const reply = await new Promise<PairsCheckReply>((resolve, reject) => {
			child.once('message', reply => resolve(reply as PairsCheckReply));
			child.once('error', reject);
			child.once('exit', (code, signal) => reject(new Error(`the duplicate check stopped (${signal ?? `exit ${code}`})`)));
			child.send({file, search} satisfies PairsCheckInput);
		});
		if (!reply.ok) throw Object.assign(new Error(reply.message), {code: reply.code});
		return reply.result;
	} finally {
		process.off('exit', end);
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	}
}
