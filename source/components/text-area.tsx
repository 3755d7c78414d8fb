import {Box, Text} from 'ink';
import {fieldAbove, layerPriority} from '../keys/bindings.js';
import {useTextEditor} from '../hooks/use-text-editor.js';
import {fitText} from './fit-text.js';
import {areaWindow, type AreaWindow} from './text-view.js';
import {FieldError} from './field-error.js';
import {valueWidthOf} from './text-field.js';

type Props = {
	label: string;
	value: string;
	onChange: (value: string) => void;
	focus: boolean;
	labelWidth: number;
	width: number;
	/** Lines it shows; longer text scrolls. */
	rows: number;
	error?: string;
	color?: boolean;
	priority?: number;
	onLeaveUp?: () => void;
	onLeaveDown?: () => void;
};

/**
 * A labelled multi-line field (an address, notes, an interaction's body): Enter makes a
 * line break, Up and Down move between lines, and the area scrolls both ways so the
 * cursor stays on screen. Under the label: how many lines there are, when not all show.
 */
export function TextArea(props: Props) {
	const {label, value, focus, labelWidth, width, rows, error, color = false} = props;
	const valueWidth = valueWidthOf(width, labelWidth);
	const editing = focus ? <AreaEditor {...props} valueWidth={valueWidth} /> : undefined;
	const still = focus ? undefined : areaWindow({text: value}, valueWidth, rows);
	return (
		<Box height={rows} width={width}>
			{editing ?? (
				<>
					<AreaLabel label={label} labelWidth={labelWidth} focus={false} view={still!} rows={rows} />
					<AreaLines view={still!} width={valueWidth} rows={rows} />
				</>
			)}
			<FieldError error={error} width={width - labelWidth - valueWidth} color={color} />
		</Box>
	);
}

function AreaLabel({label, labelWidth, focus, view, rows}: {label: string; labelWidth: number; focus: boolean; view: AreaWindow; rows: number}) {
	const where = view.lineCount <= rows ? '' : focus ? `${view.line + 1}/${view.lineCount}` : `${view.lineCount} lines`;
	return (
		<Box flexDirection="column" width={labelWidth}>
			<Text bold={focus} inverse={focus}>{fitText(label, labelWidth - 1)}</Text>
			{where && rows > 1 ? <Text dimColor>{fitText(where, labelWidth - 1).trimEnd()}</Text> : null}
		</Box>
	);
}

function AreaLines({view, width, rows, cursorLine}: {view: AreaWindow; width: number; rows: number; cursorLine?: number}) {
	return (
		<Box width={width} height={rows} flexDirection="column" overflow="hidden">
			{view.lines.map((line, index) => (
				<Text key={index}>
					{line.before}
					{view.top + index === cursorLine ? <Text inverse>{line.at}</Text> : line.at}
					{line.after}
					{line.before || line.at || line.after ? '' : ' '}
				</Text>
			))}
		</Box>
	);
}

function AreaEditor({label, value, onChange, labelWidth, valueWidth, rows, priority = layerPriority.view, onLeaveUp, onLeaveDown}: Props & {valueWidth: number}) {
	const editor = useTextEditor({value, onChange, multiline: true, priority: priority + fieldAbove, rows, onLeaveUp, onLeaveDown});
	const view = areaWindow(editor.state, valueWidth, rows, editor.view);
	editor.view.top = view.top;
	editor.view.left = view.left;
	return (
		<>
			<AreaLabel label={label} labelWidth={labelWidth} focus view={view} rows={rows} />
			<AreaLines view={view} width={valueWidth} rows={rows} cursorLine={view.line} />
		</>
	);
}
