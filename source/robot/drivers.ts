import {RemoteNutDriver} from './desktop-process.js';
import type {DesktopDriver, DriverName} from './driver.js';
import {DryRunDriver} from './dry-run-driver.js';

export const driverNames: readonly DriverName[] = ['nut', 'dry-run'];

/**
 * The driver a run asked for. Without a choice: nut when a display answers, else dry-run,
 * and `notice` says so (a robot that silently did nothing would be worse).
 */
export async function openDriver(choice: DriverName | undefined, notice: (text: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<DesktopDriver> {
	if (choice === 'dry-run') return new DryRunDriver();
	if (choice === 'nut') return RemoteNutDriver.start(env);
	if (!env.DISPLAY) {
		notice('no X display (DISPLAY is not set): using the dry-run driver, which only records what the robot would do');
		return new DryRunDriver();
	}
	try {
		return await RemoteNutDriver.start(env);
	} catch (error) {
		notice(`${(error as Error).message}\nusing the dry-run driver, which only records what the robot would do`);
		return new DryRunDriver();
	}
}
