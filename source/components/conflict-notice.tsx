import {Box, Text} from 'ink';
import {keyTable, layerPriority} from '../keys/bindings.js';
import {useKeyLayer} from '../keys/use-key-layer.js';
import {fitText} from './fit-text.js';
import {tint} from './theme.js';

export type ConflictField = {label: string; theirs: string; yours: string; yoursChanged: boolean};

export const conflictKeys = keyTable([
	{id: 'loadTheirs', keys: ['ctrl+r', 't'], label: 'load theirs', help: 'Load the version saved elsewhere (your edits are dropped)'},
	{id: 'keepMine', keys: ['ctrl+s', 'm'], label: 'keep mine and save', help: 'Save your edits on top of the version saved elsewhere'},
	{id: 'back', keys: ['esc'], label: 'back to the form', help: 'Back to the form without saving'},
]);

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ⏎ ');

/**
 * Saving found the record changed elsewhere since the form opened: what changed there
 * (field, theirs, yours), and the two ways on: load theirs, or keep mine and save.
 */
export function ConflictNotice({fields, width, height, color, onLoadTheirs, onKeepMine, onBack}: {
	fields: readonly ConflictField[];
	width: number;
	height: number;
	color: boolean;
	onLoadTheirs: () => void;
	onKeepMine: () => void;
	onBack: () => void;
}) {
	useKeyLayer('Saved elsewhere', conflictKeys, {loadTheirs: onLoadTheirs, keepMine: onKeepMine, back: onBack}, {priority: layerPriority.dialog, exclusive: true});
	const labelWidth = Math.max(6, ...fields.map(field => field.label.length)) + 2;
	const column = Math.max(8, Math.floor((width - labelWidth - 2) / 2));
	const shown = fields.slice(0, Math.max(1, height - 5));
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold color={tint(color, 'yellow')} wrap="truncate">Saved elsewhere since you opened this form. What changed there:</Text>
			<Text dimColor>{`${fitText('field', labelWidth)}${fitText('theirs (saved now)', column)}  yours`}</Text>
			{fields.length === 0 ? <Text>No field you see here (only its version): keeping yours changes nothing of theirs.</Text> : null}
			{shown.map(field => (
				<Text key={field.label} wrap="truncate">
					{fitText(field.label, labelWidth)}
					{fitText(oneLine(field.theirs) || '(empty)', column)}
					{'  '}
					{field.yoursChanged ? fitText(oneLine(field.yours) || '(empty)', column).trimEnd() : <Text dimColor>(you did not change it: theirs stays)</Text>}
				</Text>
			))}
			{fields.length > shown.length ? <Text dimColor>{`… ${fields.length - shown.length} more fields`}</Text> : null}
			<Text> </Text>
			<Text wrap="truncate">
				<Text inverse bold>Ctrl-R</Text> load theirs (drops your edits)   <Text inverse bold>Ctrl-S</Text> keep mine and save   <Text inverse bold>Esc</Text> back to the form
			</Text>
		</Box>
	);
}
