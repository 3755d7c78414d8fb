import type {Db} from '../store/store.js';
import {directMailer} from '../mail/direct-mailer.js';
import {chooseMailServer} from '../mail/mail-server-choice.js';
import type {SecretKey} from '../secrets/key-file.js';
import {openRobotSecrets} from './run-secrets.js';
import {reportWriter} from './report-action.js';
import type {Customer} from '../customers/customer-fields.js';
import {applyCrmEffect} from './crm-effects.js';
import type {DesktopDriver} from './driver.js';
import type {ImageRef} from './looks.js';
import type {Robot} from './robot.js';
import {imageStore} from './robot-images.js';
import {runRobot, type RunResult, type StepRecord} from './runner.js';
import {screenshotNamer} from './screenshots.js';

/**
 * A run outside the queue (`robot run`): step records go to `onStep`; `log` and `update`
 * steps change the customer at once, with the robot as the actor and no job.
 */
export async function runRobotNow(options: {
	db: Db | undefined;
	databasePath: string;
	robot: Robot;
	customer?: Customer;
	driver: DesktopDriver;
	/** The images the robot looks for, read from beside its file. */
	images?: ImageRef[];
	onStep: (record: StepRecord) => void;
	/** Opens the stored secrets (`{{secrets.NAME}}`, the mail server `smtp`). */
	secretKey?: () => SecretKey;
}): Promise<RunResult> {
	const {db, robot} = options;
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	const secrets = await openRobotSecrets(db, options.secretKey, robot);
	const mailer = db ? directMailer(() => chooseMailServer(db, options.secretKey), `run-${robot.name}`) : undefined;
	return runRobot(robot, {
		secrets, ...(mailer ? {mailer} : {}), ...(db ? {reporter: reportWriter(db, options.databasePath)} : {}),
		driver: options.driver,
		customer: options.customer,
		images: imageStore(options.images ?? []),
		screenshotFile: screenshotNamer(options.databasePath, `run-${robot.name}-${stamp}`),
		recorder: {
			stepStarted: async () => {},
			stepFinished: async (record, effect) => {
				let customer: Customer | undefined;
				if (effect && db && options.customer) {
					customer = await db.write(tx => applyCrmEffect(tx, options.customer!.id, effect, {actor: robot.name}));
				}
				options.onStep(record);
				return {customer};
			},
		},
	});
}
