import {importCustomersFile} from '../customers/customer-import-file.js';
import {exportCustomersCsv} from '../customers/customer-export.js';
import {UserError, exitCodes} from '../store/errors.js';
import {wouldOverwriteDatabase} from '../store/same-file.js';
import {visible} from '../text/visible.js';
import type {Command, CommandContext} from './command.js';
import {stringFlag, usageError} from './arguments.js';
import {describePlan} from '../moving-in/plan-text.js';
import {exportCustomersVcard} from '../moving-in/vcard-export.js';
import {customerIdsAfter, lastCustomerId} from '../duplicates/new-customers.js';
import {checkedAtMost, dupCheckFlag, warnAboutImportedDuplicates, warnAboutWouldBeDuplicates} from './duplicate-warnings.js';
import type {CustomerFields} from '../customers/customer-fields.js';
import {DryRunPreview, mappingFlags, mappingOptions} from './import-mapping.js';
import {DeferredCheckpoint} from '../store/sqlite/deferred-checkpoint.js';

/** What a shell reports for a command stopped by Ctrl-C (128 + SIGINT). */
export const interruptedExitCode = 130;

/** Runs `work` with an AbortSignal that Ctrl-C (SIGINT) fires, instead of killing the process mid-write. */
export async function whileCancellable<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
	const controller = new AbortController();
	const onSignal = () => controller.abort();
	process.on('SIGINT', onSignal);
	try {
		return await work(controller.signal);
	} finally {
		process.off('SIGINT', onSignal);
	}
}

/**
 * After cleaning up, ends the way a program stopped by Ctrl-C should: by SIGINT, so the shell
 * (and a script's `$?`) sees 130 and stops too. It also ends a parse worker still blocked
 * reading a pipe, which would otherwise hold the process open.
 */
export function endAsInterrupted(): void {
	if (process.listenerCount('SIGINT') === 0) process.kill(process.pid, 'SIGINT');
}

export function fileArgument(command: Pick<Command, 'usage'>, context: CommandContext): string {
	const [file, ...extra] = context.args;
	if (!file) throw usageError(command, 'missing FILE.csv');
	if (extra.length > 0) throw usageError(command, `unexpected argument "${extra[0]}"`);
	return file;
}

/**
 * Refuses, before any work, a file to write that is the live SQLite database or one of the
 * files SQLite keeps beside it (`-wal`, `-shm`, `-journal`), however it is spelled or linked
 * to: the write would replace the database. `what` says which write (`export`, `--rejects`).
 */
export function refuseLiveDatabase(context: CommandContext, file: string, what: string): void {
	if (context.target.engine !== 'sqlite' || !wouldOverwriteDatabase(file, context.target.file)) return;
	throw new UserError(`${file}: ${what} would overwrite the live database ${context.target.file}; name another file. ${what === '--rejects' ? 'Nothing was imported' : 'Nothing was written'}`, exitCodes.usage);
}

const importCustomers: Command = {
	name: 'import customers',
	summary: 'add customers from a CSV file (opsdesk\'s, or a HubSpot, Salesforce, Odoo, Google or Outlook export) or a vCard file (valid rows in one transaction; bad rows reported by line)',
	usage: 'import customers FILE.csv|FILE.vcf [--map "COLUMN+COLUMN=FIELD,..."]... [--status-map "VALUE=STATUS,..."] [--extra notes|ignore] [--dry-run] [--rejects FILE.csv] [--raw] [--no-dup-check]',
	flags: {dryRun: {type: 'boolean'}, rejects: {type: 'string'}, raw: {type: 'boolean'}, ...mappingFlags, ...dupCheckFlag},
	async run(context) {
		const file = fileArgument(importCustomers, context);
		const rejectsFile = stringFlag(context, 'rejects');
		if (rejectsFile !== undefined && !rejectsFile) throw usageError(importCustomers, '--rejects needs a file name');
		if (rejectsFile) refuseLiveDatabase(context, rejectsFile, '--rejects');
		const dryRun = context.flags.dryRun === true;
		const mapping = mappingOptions(context);
		// A dry run of another system's export shows its first rows as mapped: did the columns land right?
		let preview: DryRunPreview | undefined;
		let dropped: string[] = [];
		const started = performance.now();
		const db = await context.store();
		// A large import's WAL is copied into the database while its duplicates are looked for.
		const checkpoint = db.sqlite && !dryRun ? new DeferredCheckpoint(db.sqlite) : undefined;
		try {
			const lastId = await lastCustomerId(db);
			const acceptedLines: number[] = [];
			const wouldBe: Array<{line: number; fields: CustomerFields}> = [];
			const result = await whileCancellable(signal => importCustomersFile(db, file, {
				mapping,
				onPlan: plan => {
					for (const line of describePlan(plan, file)) context.say(visible(line));
					dropped = plan.dropped.map(index => plan.header[index]!);
					if (dryRun) preview = new DryRunPreview(context);
				},
				onAccepted: (line, fields) => {
					preview?.take(line, fields);
					if (!dryRun) acceptedLines.push(line);
					else if (wouldBe.length < checkedAtMost) wouldBe.push({line, fields});
				},
				dryRun,
				rejectsFile,
				raw: context.flags.raw === true,
				label: file,
				onReject: row => context.say(visible(`${file}:${row.line}: ${row.reason}`)),
				progress: process.stderr.isTTY ? process.stderr : undefined,
				signal,
			}));
			if (result.cancelled) {
				context.say(visible(`import cancelled (Ctrl-C): nothing was imported${rejectsFile ? `, and ${rejectsFile} was not written` : ''}`));
				endAsInterrupted();
				return interruptedExitCode;
			}
			preview?.end();
			const seconds = (performance.now() - started) / 1000;
			const rows = result.imported + result.rejected;
			const rate = seconds >= 0.5 ? `, ${Math.round(rows / seconds)} rows/s` : '';
			const verb = dryRun ? 'dry run: would import' : 'imported';
			const where = rejectsFile && result.rejected > 0 ? ` (written to ${rejectsFile})` : '';
			const droppedText = dropped.length > 0 ? `; dropped columns ${dropped.join(', ')}` : '';
			context.say(visible(`${verb} ${result.imported} customers, rejected ${result.rejected} rows${where} in ${seconds.toFixed(2)} s${rate}${droppedText}${dryRun ? '; nothing was written' : ''}`));
			const copied = checkpoint?.inBackground();
			if (dryRun) await warnAboutWouldBeDuplicates(context, db, file, wouldBe);
			else await warnAboutImportedDuplicates(context, db, file, await customerIdsAfter(db, lastId), acceptedLines);
			await copied;
			return result.rejected > 0 ? exitCodes.rejected : exitCodes.ok;
		} finally {
			checkpoint?.restore();
		}
	},
};

const exportCustomers: Command = {
	name: 'export customers',
	summary: 'write every live customer to a CSV file (import reads it back; formula-like cells get a leading \' unless --raw) or to vCard 4.0 (--format vcf)',
	usage: 'export customers FILE [--format csv|vcf] [--raw]',
	flags: {raw: {type: 'boolean'}, format: {type: 'string', choices: ['csv', 'vcf']}},
	async run(context) {
		const file = fileArgument(exportCustomers, context);
		refuseLiveDatabase(context, file, 'export');
		// Without --format, a .vcf or .vcard file gets vCards, any other name CSV.
		const format = (context.flags.format as string | undefined) ?? (/\.(?:vcf|vcard)$/iu.test(file) ? 'vcf' : 'csv');
		if (format === 'vcf' && context.flags.raw === true) throw usageError(exportCustomers, '--raw is for CSV cells; a vCard is written exactly as stored');
		const {exported} = format === 'vcf'
			? await exportCustomersVcard(await context.store(), file)
			: await exportCustomersCsv(await context.store(), file, {raw: context.flags.raw === true});
		context.say(visible(`exported ${exported} customers to ${file}`));
	},
};

export const importExportCommands: Command[] = [importCustomers, exportCustomers];
