import path from 'node:path';
import {UserError, exitCodes} from '../store/errors.js';
import type {Db} from '../store/store.js';
import {visible} from '../text/visible.js';
import {robotNeedsDesktop} from '../robot/drivers.js';
import type {ImageRef} from '../robot/looks.js';
import type {NewJob, Priority} from '../robot/queue.js';
import {formatProblem, type Robot} from '../robot/robot.js';
import {readRobotText, robotFromText} from '../robot/robot-file.js';
import {loadRobotImages} from '../robot/robot-images.js';

/**
 * A robot as a job runs it: its file's text and images as they were when it was read. Schedules
 * and triggers keep one (as a queued job does), so a worker on another host fires them without
 * the robots folder, and editing the file later changes nothing until they are added again.
 */
export type RobotCopy = {robot: Robot; file: string; text: string; images: ImageRef[]; needsDesktop: boolean};

/** Reads and checks a robot file; every problem is a UserError (exit 2) with its file and line. */
export function readRobotCopy(file: string): RobotCopy {
	const read = readRobotText(file);
	if ('problem' in read) throw new UserError(visible(formatProblem(read.problem)), exitCodes.rejected);
	const robot = robotFromText(read.text, file);
	const {images, problems} = loadRobotImages(robot, file);
	if (problems.length > 0) throw new UserError(problems.map(problem => visible(formatProblem(problem))).join('\n'), exitCodes.rejected);
	return {robot, file: path.resolve(file), text: read.text, images: [...images.values()], needsDesktop: robotNeedsDesktop(robot)};
}

/** The columns a schedule or trigger keeps its robot in; the PNGs go to robot_images, once each. */
export async function storeRobotCopy(tx: Db, copy: RobotCopy) {
	for (const image of copy.images) {
		await tx.db.insertInto('robot_images').values({sha256: image.key, png: Buffer.from(image.png)}).onConflict(conflict => conflict.column('sha256').doNothing()).execute();
	}
	return {
		robot: copy.robot.name, robot_file: copy.file, robot_text: copy.text,
		robot_images: JSON.stringify(copy.images.map(image => ({name: image.name, sha256: image.key}))),
		needs_desktop: copy.needsDesktop ? 1 : 0,
	};
}

type StoredCopy = {robot: string; robot_file: string; robot_text: string; robot_images: string; needs_desktop: number};

/** A stored copy back as a robot with its images, ready to queue. */
export async function loadRobotCopy(db: Db, stored: StoredCopy): Promise<RobotCopy> {
	const named = JSON.parse(stored.robot_images) as Array<{name: string; sha256: string}>;
	const images: ImageRef[] = [];
	if (named.length > 0) {
		const rows = await db.db.selectFrom('robot_images').selectAll().where('sha256', 'in', named.map(image => image.sha256)).execute();
		for (const image of named) {
			const row = rows.find(found => found.sha256 === image.sha256);
			if (row) images.push({name: image.name, key: image.sha256, png: new Uint8Array(row.png)});
		}
	}
	return {robot: robotFromText(stored.robot_text, stored.robot_file), file: stored.robot_file, text: stored.robot_text, images, needsDesktop: stored.needs_desktop === 1};
}

/** One job of this robot for a customer (or none), as the queue takes it. */
export function jobFor(copy: RobotCopy, customerId: number | null, options: Pick<NewJob, 'origin'> & {priority?: Priority; maxAttempts?: number}): NewJob {
	return {
		robot: copy.robot.name, robotFile: copy.file, robotText: copy.text, images: copy.images, customerId,
		needsDesktop: copy.needsDesktop, ...(options.priority ? {priority: options.priority} : {}),
		...(options.maxAttempts ? {maxAttempts: options.maxAttempts} : {}), ...(options.origin ? {origin: options.origin} : {}),
	};
}
