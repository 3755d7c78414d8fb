import path from 'node:path';
import {readRobotCopy, type RobotCopy} from '../automation/robot-copy.js';
import {requireSegment} from '../automation/segments.js';
import type {Segment} from '../automation/segment-definition.js';
import type {Db} from '../store/store.js';
import {defaultDatabasePath} from '../store/target.js';
import {visible} from '../text/visible.js';
import {priorities, type Priority} from '../robot/queue.js';
import {resolveRobotFile, robotsFolder} from '../robot/robot-folder.js';
import type {Command, CommandContext} from './command.js';
import {stringFlag, usageError} from './arguments.js';

/** Flags schedules and triggers share. */
export const automationFlags = {
	robot: {type: 'string', nonEmpty: true}, robots: {type: 'string'}, segment: {type: 'string'},
	priority: {type: 'string', choices: priorities}, maxAttempts: {type: 'number', min: 1, max: 100}, replace: {type: 'boolean'},
} as const;

export function nameArgument(command: Command, context: CommandContext): string {
	const [name, ...extra] = context.args;
	if (name === undefined) throw usageError(command, 'missing NAME');
	if (extra.length > 0) throw usageError(command, `unexpected argument "${visible(extra[0]!)}" (a name with spaces goes in quotes)`);
	return name;
}

/** `--robot R`: a robot file, or a name in the robots folder (beside the SQLite file; for PostgreSQL, beside the local data folder). */
export function robotCopyFlag(command: Command, context: CommandContext): RobotCopy {
	const given = stringFlag(context, 'robot');
	if (given === undefined) throw usageError(command, 'missing --robot (a robot file, or a robot name in the robots folder)');
	const beside = context.target.engine === 'sqlite' ? context.databasePath : defaultDatabasePath();
	return readRobotCopy(resolveRobotFile(given, robotsFolder(beside, stringFlag(context, 'robots'))));
}

export async function segmentFlag(db: Db, context: CommandContext): Promise<Segment | undefined> {
	const name = stringFlag(context, 'segment');
	return name === undefined ? undefined : requireSegment(db, name);
}

export function priorityFlag(context: CommandContext): Priority | undefined {
	return stringFlag(context, 'priority') as Priority | undefined;
}

export function maxAttemptsFlag(context: CommandContext): number | undefined {
	return context.flags.maxAttempts as number | undefined;
}

/** `robots/welcome.yaml`: a robot file shown relative to the working folder when it is inside it. */
export function shownFile(file: string): string {
	const relative = path.relative(process.cwd(), file);
	return relative && !relative.startsWith('..') ? relative : file;
}
