import type {SecretKey} from '../secrets/key-file.js';
import {openSecrets} from '../secrets/secrets.js';
import type {Db} from '../store/store.js';
import {allSteps} from './flow-steps.js';
import {templatedTexts, type Robot} from './robot.js';
import {secretNamesIn} from './templates.js';

/**
 * Opens the secrets a robot's steps name (`{{secrets.NAME}}`) before its first step, so a missing
 * one fails the run at once instead of halfway; each value is hidden from all output from then on.
 */
export async function openRobotSecrets(db: Db | undefined, key: (() => SecretKey) | undefined, robot: Robot): Promise<Record<string, string>> {
	const names = secretNamesIn(allSteps(robot.steps).flatMap(step => templatedTexts(step)));
	if (names.length === 0) return {};
	if (!db || !key) throw new Error(`robot ${robot.name} uses the secret${names.length === 1 ? '' : 's'} ${names.join(', ')}, which need the database they are stored in`);
	return openSecrets(db, key, names);
}
