// The parse worker of `import customers`: reads and checks rows in its own thread, and hands
// them to the derive workers, while the import's thread inserts them (customer-import-file.ts,
// row-pipeline.ts). Built as its own entry (dist/customers/customer-parse-worker.js).
import {workerData} from 'node:worker_threads';
import {UserError} from '../store/errors.js';
import {isBlankRecord} from '../csv/csv-records.js';
import {isVcardFile, readImportRecords} from '../moving-in/import-records.js';
import {CustomerRowChecker} from './customer-import-rows.js';
import {rankNameKeys} from './name-order.js';
import {nameKeyOf} from './search-text.js';
import {tupleOf, type ParseWorkerInput} from './customer-parse-protocol.js';
import {postFailure, RowBatches} from './row-batches.js';

/**
 * Pass one, for a file going into an empty table: every data row's name key, in file order,
 * numbered in name order. Rows rejected later keep a rank nobody uses: ranks need only rise
 * with the name, gaps are fine.
 */
function nameRanks(input: ParseWorkerInput): Float64Array {
	const keys: string[] = [];
	const names = new CustomerRowChecker(input.label, {raw: input.raw || isVcardFile(input.file), mapping: input.mapping});
	readImportRecords(input.file, input.label, (record, line) => {
		if (isBlankRecord(record)) return;
		if (!names.header) {
			names.check(record, line);
			return;
		}
		keys.push(nameKeyOf(names.nameOf(record)));
	});
	return rankNameKeys(keys);
}

function run(input: ParseWorkerInput): void {
	const ranks = input.rank ? nameRanks(input) : undefined;
	const checker = new CustomerRowChecker(input.label, {raw: input.raw || isVcardFile(input.file), mapping: input.mapping});
	checker.addLiveEmails(input.liveEmails);
	const batches = new RowBatches(input);
	let ordinal = 0;
	// Bytes of the file per row, from the rows read so far: how far along the rows sent are.
	let bytesPerRow = 0;
	readImportRecords(input.file, input.label, (record, line) => {
		const blank = isBlankRecord(record);
		const hadHeader = checker.header !== undefined;
		const row = checker.check(record, line);
		if (!hadHeader && checker.header) batches.header({names: checker.header.names, plan: checker.plan});
		if (blank || !hadHeader) return;
		const rank = ranks?.[ordinal] ?? 0;
		ordinal++;
		if (!row) return;
		if (row.ok) batches.accept(tupleOf(row, rank), bytesPerRow);
		else batches.reject([row.line, row.reason, row.record], bytesPerRow);
	}, {
		onBytes: read => {
			// Called once a chunk's records are all visited: the bytes and rows match exactly.
			if (ordinal > 0) bytesPerRow = read / ordinal;
		},
		onRejected: (line, reason, record) => batches.reject([line, reason, record], bytesPerRow),
	});
	batches.done(undefined, bytesPerRow);
}

try {
	run(workerData as ParseWorkerInput);
} catch (error) {
	if (error instanceof UserError) postFailure(error.message, error.exitCode);
	else postFailure(`internal error in the parse worker: ${(error as Error).stack ?? String(error)}`, 70);
}
