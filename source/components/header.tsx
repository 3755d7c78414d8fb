import {Box, Text} from 'ink';
import {fitPathLeft, textWidth} from './fit-text.js';
import {tint} from './theme.js';
import {visible} from '../text/visible.js';

export type HeaderTab = {key: string; title: string};

/** One row: the app name, the tabs (the current one inverse) and the database path. */
export function Header({tabs, current, databasePath, width, color}: {tabs: readonly HeaderTab[]; current: number; databasePath: string; width: number; color: boolean}) {
	const labels = tabs.map(tab => ` ${tab.key} ${tab.title} `);
	const used = 8 + labels.reduce((sum, label) => sum + textWidth(label) + 1, 0);
	const path = fitPathLeft(visible(databasePath), Math.max(0, width - used - 2));
	return (
		<Box width={width} height={1}>
			<Text bold color={tint(color, 'cyan')}>opsdesk </Text>
			{labels.map((label, index) => (
				<Text key={tabs[index]!.key} inverse={index === current} bold={index === current}>
					{label}
					<Text inverse={false}> </Text>
				</Text>
			))}
			<Box flexGrow={1} justifyContent="flex-end">
				<Text dimColor>{path}</Text>
			</Box>
		</Box>
	);
}
