import fs from 'node:fs';
import path from 'node:path';
import {UserError} from '../store/errors.js';
import {parseRobot} from './robot-file.js';

const extensions = ['.yaml', '.yml', '.json'];

/** `robots/` beside the database unless `--robots DIR` (or OPSDESK_ROBOTS) says otherwise. */
export function robotsFolder(databasePath: string, override?: string, env: NodeJS.ProcessEnv = process.env): string {
	return path.resolve(override || env.OPSDESK_ROBOTS || path.join(path.dirname(databasePath), 'robots'));
}

/** A path as given, else a robot of that name in the robots folder (`enter-customer` → robots/enter-customer.yaml). */
export function resolveRobotFile(given: string, folder: string): string {
	if (fs.existsSync(given) && fs.statSync(given).isFile()) return given;
	for (const candidate of [given, ...extensions.map(extension => given + extension)]) {
		const file = path.join(folder, candidate);
		if (!given.includes('/') && fs.existsSync(file)) return file;
	}
	throw new UserError(`${given}: no such robot file (nor ${path.join(folder, given)}.yaml in the robots folder)`);
}

export type RobotEntry = {file: string; name: string; description: string; problems: number};

/** The robot files in a folder, by file name; files that do not validate are listed with their problem count. */
export function listRobotFiles(folder: string): RobotEntry[] {
	if (!fs.existsSync(folder)) return [];
	return fs.readdirSync(folder)
		.filter(name => extensions.includes(path.extname(name)))
		.sort()
		.map(name => {
			const file = path.join(folder, name);
			const parsed = parseRobot(fs.readFileSync(file, 'utf8'), file);
			return parsed.robot
				? {file, name: parsed.robot.name, description: parsed.robot.description, problems: 0}
				: {file, name: path.basename(name, path.extname(name)), description: '', problems: parsed.problems.length};
		});
}
