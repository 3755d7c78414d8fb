import {RemoteNutDriver} from './desktop-process.js';
import type {DesktopDriver, DriverName} from './driver.js';
import {DryRunDriver} from './dry-run-driver.js';
import type {Robot} from './robot.js';

export const driverNames: readonly DriverName[] = ['nut', 'dry-run'];

/** Steps that touch no desktop: a robot made only of these runs without a display. */
const offDesktopSteps = new Set(['wait', 'log', 'update', 'assert']);

export function robotNeedsDesktop(robot: Robot): boolean {
	return robot.steps.some(step => !offDesktopSteps.has(step.step));
}

/** For robots that only work on CRM data: there is no desktop to touch, and none is needed. */
export class NoDesktopDriver implements DesktopDriver {
	readonly name = 'none' as const;

	async perform(): Promise<string | undefined> {
		throw new Error('this robot has no desktop to act on');
	}

	async screenshot(): Promise<boolean> {
		return false;
	}

	async close(): Promise<void> {}
}

/**
 * The driver a run asked for. There is no silent fallback: without a display the nut driver
 * refuses to start and says how to get one; only `--driver dry-run` records instead of acting.
 */
export async function openDriver(choice: DriverName | undefined, robot: Robot | undefined, env: NodeJS.ProcessEnv = process.env, started?: RemoteNutDriver): Promise<DesktopDriver> {
	if (choice === 'dry-run') return new DryRunDriver();
	if (robot && !robotNeedsDesktop(robot)) return new NoDesktopDriver();
	return started ?? RemoteNutDriver.start(env);
}
