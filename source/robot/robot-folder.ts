import fs from 'node:fs';
import path from 'node:path';
import {UserError} from '../store/errors.js';
import {formatProblem} from './robot.js';
import {parseRobot, readRobotText, robotFileLimits} from './robot-file.js';
import {loadRobotImages} from './robot-images.js';

const extensions = ['.yaml', '.yml', '.json'];

/** `robots/` beside the database unless `--robots DIR` (or OPSDESK_ROBOTS) says otherwise. */
export function robotsFolder(databasePath: string, override?: string, env: NodeJS.ProcessEnv = process.env): string {
	return path.resolve(override || env.OPSDESK_ROBOTS || path.join(path.dirname(databasePath), 'robots'));
}

/** A path as given, else a robot of that name in the robots folder (`enter-customer` → robots/enter-customer.yaml). */
export function resolveRobotFile(given: string, folder: string): string {
	if (fs.existsSync(given)) return given;
	for (const candidate of [given, ...extensions.map(extension => given + extension)]) {
		const file = path.join(folder, candidate);
		if (!given.includes('/') && fs.existsSync(file)) return file;
	}
	throw new UserError(`${given}: no such robot file (nor ${path.join(folder, given)}.yaml in the robots folder)`);
}

export type RobotEntry = {file: string; name: string; description: string; problems: number};

/**
 * The robot files in a folder, by file name; files that do not validate are listed with their
 * problem count. One that cannot be read at all (a folder named x.yaml, a 50 MB file, no
 * permission) is skipped with a warning instead of spoiling the whole list.
 */
export function scanRobotFolder(folder: string): {robots: RobotEntry[]; warnings: string[]} {
	const robots: RobotEntry[] = [];
	const warnings: string[] = [];
	let names: string[];
	try {
		names = fs.readdirSync(folder);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warnings.push(`${folder}: cannot list it: ${(error as Error).message}`);
		return {robots, warnings};
	}
	for (const name of names.filter(entry => extensions.includes(path.extname(entry))).sort()) {
		const file = path.join(folder, name);
		const read = readRobotText(file);
		if ('problem' in read) {
			warnings.push(`skipped ${formatProblem(read.problem)}`);
			continue;
		}
		const parsed = parseRobot(read.text, file);
		robots.push(parsed.robot
			? {file, name: parsed.robot.name, description: parsed.robot.description, problems: loadRobotImages(parsed.robot, file).problems.length}
			: {file, name: path.basename(name, path.extname(name)), description: '', problems: parsed.problems.length});
	}
	return {robots, warnings};
}

/** The robot files that could be read (see scanRobotFolder for the ones skipped and why). */
export function listRobotFiles(folder: string): RobotEntry[] {
	return scanRobotFolder(folder).robots;
}

export {robotFileLimits};
