import {Box, Text} from 'ink';
import type {KeyTable} from '../keys/bindings.js';
import {layerPriority} from '../keys/bindings.js';
import {useKeyLayer} from '../keys/use-key-layer.js';
import {useScroll} from '../hooks/use-scroll.js';
import {fitText} from '../components/fit-text.js';
import {wrapLines} from '../components/wrap-lines.js';

type Props = {
	/** Heading in the help overlay: `Order`, `Interaction`. */
	keysTitle: string;
	keys: KeyTable;
	title: string;
	/** `label value` rows above the text. */
	fields: ReadonlyArray<[label: string, value: string]>;
	/** A long text under the fields (a note, a body), every line of it, scrolled with j/k, PgUp/PgDn, g/G. */
	textLabel: string;
	text: string;
	width: number;
	height: number;
	onBack: () => void;
};

/** One record opened from the customer detail: its fields, and its text in full, scrolling. */
export function RecordView({keysTitle, keys, title, fields, textLabel, text, width, height, onBack}: Props) {
	const labelWidth = Math.max(...fields.map(([label]) => label.length)) + 2;
	const lines = text ? wrapLines(text, width - 2) : [];
	const rows = Math.max(1, height - 3 - fields.length);
	const scroll = useScroll(lines.length, rows);
	useKeyLayer(keysTitle, keys, {back: onBack, ...scroll.handlers}, {priority: layerPriority.view});
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold wrap="truncate">{fitText(title, width).trimEnd()}</Text>
			{fields.map(([label, value]) => (
				<Text key={label} wrap="truncate">
					<Text dimColor>{label.padEnd(labelWidth)}</Text>
					{fitText(value, width - labelWidth).trimEnd()}
				</Text>
			))}
			<Text> </Text>
			<Text dimColor wrap="truncate">{`${textLabel}${lines.length === 0 ? ': none' : ''}${scroll.position ? ` · ${scroll.position}` : ''}`}</Text>
			{lines.slice(scroll.top, scroll.top + rows).map((line, index) => (
				<Text key={index} wrap="truncate">{`  ${line}`}</Text>
			))}
		</Box>
	);
}
