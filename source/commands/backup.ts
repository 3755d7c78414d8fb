import {backupDatabase} from '../store/backup.js';
import type {Command} from './command.js';
import {usageError} from './arguments.js';

const backup: Command = {
	name: 'backup',
	summary: 'write a consistent copy of the database while the desk and workers keep using it',
	usage: 'backup FILE',
	flags: {},
	async run(context) {
		const [file, ...extra] = context.args;
		if (!file) throw usageError(backup, 'missing FILE');
		if (extra.length > 0) throw usageError(backup, `unexpected argument "${extra[0]}"`);
		const {pages} = await backupDatabase(context.database(), file);
		context.say(`backed up ${context.databasePath} to ${file} (${pages} pages)`);
	},
};

export const backupCommands: Command[] = [backup];
