// The parse worker of `import customers`: reads, checks and prepares rows in its own thread
// while the import's thread inserts them (customer-import-file.ts). Built as its own entry
// (dist/customers/customer-parse-worker.js).
import {workerData} from 'node:worker_threads';
import {UserError} from '../store/errors.js';
import {isBlankRecord} from '../csv/csv-records.js';
import {isVcardFile, readImportRecords} from '../moving-in/import-records.js';
import {CustomerRowChecker} from './customer-import-rows.js';
import {rankNameKeys} from './name-order.js';
import {nameKeyOf, searchTextOf} from './search-text.js';
import {searchKeysLiteral} from './search-keys.js';
import {matchColumnsOf} from '../duplicates/match-columns.js';
import {tupleOf, type ParseWorkerInput} from './customer-parse-protocol.js';
import {buildScratchIndexOrSayNot, EntryList, postToParent as post, RowBatches} from './row-batches.js';

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
	const batches = new RowBatches(input.flow);
	const entries = input.scratchIndex ? new EntryList() : undefined;
	let ordinal = 0;
	// Bytes of the file per row, from the rows read so far: how far along the rows sent are.
	let bytesPerRow = 0;
	readImportRecords(input.file, input.label, (record, line) => {
		const blank = isBlankRecord(record);
		const hadHeader = checker.header !== undefined;
		const row = checker.check(record, line);
		if (!hadHeader && checker.header) post({kind: 'header', names: checker.header.names, plan: checker.plan});
		if (blank || !hadHeader) return;
		const rank = ranks?.[ordinal] ?? 0;
		ordinal++;
		if (!row) return;
		if (row.ok) {
			const text = searchTextOf(row.fields);
			const searchKeys = input.searchKeys ? searchKeysLiteral(text) : undefined;
			const match = input.matchColumns ? matchColumnsOf(row.fields) : undefined;
			batches.accept(tupleOf(row, {nameKey: nameKeyOf(row.fields.name), searchText: text.searchText, rank, searchKeys, match}), bytesPerRow);
			entries?.add(rank, text);
		} else {
			batches.reject([row.line, row.reason, row.record], bytesPerRow);
		}
	}, {
		onBytes: read => {
			// Called once a chunk's records are all visited: the bytes and rows match exactly.
			if (ordinal > 0) bytesPerRow = read / ordinal;
		},
		onRejected: (line, reason, record) => batches.reject([line, reason, record], bytesPerRow),
	});
	batches.send(bytesPerRow);
	post({kind: 'done'});
	if (input.scratchIndex && entries) {
		buildScratchIndexOrSayNot(input.scratchIndex, entries.entries);
	}
}

try {
	run(workerData as ParseWorkerInput);
} catch (error) {
	if (error instanceof UserError) post({kind: 'failed', message: error.message, exitCode: error.exitCode});
	else post({kind: 'failed', message: `internal error in the parse worker: ${(error as Error).stack ?? String(error)}`, exitCode: 70});
}
