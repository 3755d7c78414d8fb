import type {Command} from './command.js';
import {customerCommands} from './customers.js';
import {interactionCommands} from './interactions.js';
import {importExportCommands} from './import-export.js';
import {seedCommands} from './seed.js';
import {backupCommands} from './backup.js';
import {orderCommands} from './orders.js';
import {importOrdersCommand} from './import-orders.js';
import {exportOrdersCommand} from './export-orders.js';
import {reportCommand} from './report.js';
import {robotCommands} from './robot.js';
import {jobCommands} from './jobs.js';
import {workerCommands} from './worker.js';
import {secretCommands} from './secrets.js';
import {segmentCommands} from './segments.js';
import {triggerCommands} from './triggers.js';
import {scheduleCommands} from './schedules.js';
import {copyDatabaseCommands} from './copy-database.js';
import {dismissCommand, duplicatesCommand} from './duplicates.js';
import {mergeCommands} from './merges.js';

/** Every headless command. Each feature adds its list here; the help text is generated from it. */
export const commands: readonly Command[] = [
	...customerCommands,
	...interactionCommands,
	...importExportCommands,
	...seedCommands,
	...backupCommands,
	...orderCommands,
	importOrdersCommand,
	exportOrdersCommand,
	reportCommand,
	...robotCommands,
	...jobCommands,
	...workerCommands,
	...segmentCommands,
	...scheduleCommands,
	...triggerCommands,
	...secretCommands,
	...copyDatabaseCommands,
	duplicatesCommand,
	dismissCommand,
	...mergeCommands,
];
