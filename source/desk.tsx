import React from 'react';
import {render, Text, Box, useApp, useInput} from 'ink';

/** Placeholder until the full-screen desk lands. */
function Desk({databasePath}: {databasePath: string}) {
	const {exit} = useApp();
	useInput(input => {
		if (input === 'q') exit();
	});
	return (
		<Box flexDirection="column">
			<Text bold>opsdesk</Text>
			<Text>{databasePath}</Text>
			<Text dimColor>q quit</Text>
		</Box>
	);
}

export async function startDesk(options: {databasePath: string; fps?: number}): Promise<number> {
	const app = render(<Desk databasePath={options.databasePath} />);
	await app.waitUntilExit();
	return 0;
}
