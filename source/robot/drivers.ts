import {RemoteNutDriver} from './desktop-process.js';
import type {DesktopDriver, DriverName} from './driver.js';
import {DryRunDriver} from './dry-run-driver.js';
import {allSteps} from './flow-steps.js';
import type {LookAnswer} from './looks.js';
import type {Robot} from './robot.js';

export const driverNames: readonly DriverName[] = ['nut', 'dry-run'];

/** Steps that touch no desktop: a robot made only of these runs without a display. */
const offDesktopSteps = new Set(['wait', 'log', 'update', 'assert', 'try', 'email', 'report']);

export function robotNeedsDesktop(robot: Robot): boolean {
	return allSteps(robot.steps).some(step => {
		if (step.step === 'if') return 'seen' in step.condition || 'not' in step.condition;
		if (step.step === 'repeat') return step.while !== undefined && ('seen' in step.while || 'not' in step.while);
		return !offDesktopSteps.has(step.step);
	});
}

/** For robots that only work on CRM data: there is no desktop to touch, and none is needed. */
export class NoDesktopDriver implements DesktopDriver {
	readonly name = 'none' as const;

	async perform(): Promise<string | undefined> {
		throw new Error('this robot has no desktop to act on');
	}

	async look(): Promise<LookAnswer | undefined> {
		throw new Error('this robot has no screen to look at');
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
