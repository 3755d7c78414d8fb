import {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import type {Customer} from '../customers/customer-fields.js';
import {useDesk} from '../components/desk-context.js';
import {layerPriority} from '../keys/bindings.js';
import {useKeyLayer, useTrackedWork} from '../keys/use-key-layer.js';
import {enqueueRobot} from '../robot/enqueue.js';
import {listRobotFiles, robotsFolder} from '../robot/robot-folder.js';
import {openJobQueue} from '../robot/open-queue.js';
import {fitText} from '../components/fit-text.js';
import {visible} from '../text/visible.js';
import {robotPickerKeys} from './robots-keys.js';

type Props = {customer: Customer; width: number; height: number; onDone: () => void};

/** `R` on the Customers tab: pick a robot from the robots folder and queue it for this customer. */
export function RobotPicker({customer, width, height, onDone}: Props) {
	const desk = useDesk();
	const track = useTrackedWork();
	const folder = robotsFolder(desk.databasePath);
	const robots = useMemo(() => listRobotFiles(folder), [folder]);
	const [index, setIndex] = useState(0);
	const chosen = robots[index];
	useKeyLayer('Robots', robotPickerKeys, {
		choose: chosen && (() => {
			const queue = openJobQueue(desk.db);
			track(enqueueRobot(queue, desk.db, {file: chosen.file, customerIds: [customer.id]}).finally(() => queue.close())).then(([job]) => {
				desk.changed();
				desk.notify(`queued job #${job!.id} (${job!.robot}) for ${customer.name}; a worker runs it (opsdesk worker), the Robots tab shows it`, 'success');
				onDone();
			}, desk.report);
		}),
		close: onDone,
		down: () => setIndex(Math.min(robots.length - 1, index + 1)),
		up: () => setIndex(Math.max(0, index - 1)),
	}, {priority: layerPriority.dialog, exclusive: true});
	const rows = Math.max(1, height - 3);
	const first = Math.max(0, Math.min(index - Math.floor(rows / 2), robots.length - rows));
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold wrap="truncate">{visible(`Queue a robot for ${customer.name} (#${customer.id})`)}</Text>
			<Text dimColor wrap="truncate">{visible(`${robots.length > 0 ? `${index + 1} of ${robots.length} ` : ''}robots in ${folder}`)}</Text>
			{robots.length === 0 ? (
				<Text wrap="truncate">{visible(`  No robot files here yet: put *.yaml robots in ${folder} (or set OPSDESK_ROBOTS).`)}</Text>
			) : null}
			{robots.slice(first, first + rows).map((robot, offset) => {
				const selected = first + offset === index;
				const note = robot.problems > 0 ? `${robot.problems} problem${robot.problems === 1 ? '' : 's'}: opsdesk robot check ${robot.file}` : robot.description;
				return (
					<Text key={robot.file} inverse={selected} bold={selected} dimColor={robot.problems > 0} wrap="truncate">
						{selected ? '› ' : '  '}
						{fitText(robot.name, 24)} {visible(note)}
					</Text>
				);
			})}
		</Box>
	);
}
