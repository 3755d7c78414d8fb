// Run by bench/desk.ts in a process of its own (NODE_ENV=production): key press → frame
// times of the desk on the given database and of a static frame of the same size.
// Prints one JSON line.
import {useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {App} from '../source/app.js';
import {openOpsdeskStore} from '../source/open-opsdesk.js';
import {databaseTarget} from '../source/store/target.js';
import {timedTerminal} from './desk-terminal.js';

const typedTerms = ['müller', 'anna', 'kowalski', '王小明', 'xyzzy', 'nordwind gmbh', 'ller', '555 12', 'tanaka kk'];
const pageDowns = 60;

/** Two screens of different text, each as tall and wide as the desk's: every line changes on each key. */
function StaticFrames() {
	const [shown, setShown] = useState(0);
	useInput(() => setShown(value => 1 - value));
	const letters = shown ? 'abcdefghij' : 'klmnopqrst';
	return (
		<Box flexDirection="column" height={29}>
			{Array.from({length: 29}, (_, row) => (
				<Text key={row}>{`${row} ${letters.repeat(10)}`.slice(0, 100)}</Text>
			))}
		</Box>
	);
}

async function baselineFrames(): Promise<number[]> {
	const terminal = await timedTerminal(<StaticFrames />);
	const times: number[] = [];
	for (let press = 0; press < 60; press++) times.push(await terminal.press('x'));
	terminal.close();
	return times;
}

async function deskFrames(file: string): Promise<{search: number[]; page: number[]}> {
	const store = await openOpsdeskStore(databaseTarget(file));
	const terminal = await timedTerminal(<App store={store} databasePath={file} color={false} />);
	const search: number[] = [];
	for (const term of typedTerms) {
		await terminal.press('/');
		for (const character of term) search.push(await terminal.press(character));
		await terminal.press('\u001B');
	}
	const page: number[] = [];
	for (let press = 0; press < pageDowns; press++) page.push(await terminal.press('\u001B[6~'));
	terminal.close();
	await store.close();
	return {search, page};
}

const file = process.argv[2]!;
const baselineTimes = await baselineFrames();
const {search, page} = await deskFrames(file);
console.log(JSON.stringify({baselineTimes, search, page}));
process.exit(0);
