import {Box, Text} from 'ink';
import {layerPriority, fieldAbove} from '../keys/bindings.js';
import {useTextEditor} from '../hooks/use-text-editor.js';
import {fitText} from './fit-text.js';
import {lineShown, lineWindow} from './text-view.js';
import {FieldError} from './field-error.js';

export type TextFieldProps = {
	label: string;
	value: string;
	onChange: (value: string) => void;
	focus: boolean;
	labelWidth: number;
	width: number;
	/** Shown beside the field, in red (bold without colour). */
	error?: string;
	color?: boolean;
	placeholder?: string;
	/** The priority of the form or dialog holding the field; its editing keys sit just above. */
	priority?: number;
	/** Columns for the value; the rest of the row is for the error. */
	valueWidth?: number;
};

/** Columns a field's value gets in a row `width` wide after its label: room is left for an error beside it. */
export function valueWidthOf(width: number, labelWidth: number): number {
	return Math.max(10, Math.floor((width - labelWidth) * 0.6));
}

/** A labelled one-line text field with its validation message beside it. */
export function TextField({label, value, onChange, focus, labelWidth, width, error, color = false, placeholder = '', priority = layerPriority.view, valueWidth = valueWidthOf(width, labelWidth)}: TextFieldProps) {
	return (
		<Box height={1} width={width}>
			<Text bold={focus} inverse={focus}>{fitText(label, labelWidth - 1)}</Text>
			<Text> </Text>
			<Box width={valueWidth} overflow="hidden">
				{focus ? (
					<LineEditor value={value} onChange={onChange} width={valueWidth} placeholder={placeholder} priority={priority + fieldAbove} />
				) : (
					<Text>{lineShown(value, valueWidth)}</Text>
				)}
			</Box>
			<FieldError error={error} width={width - labelWidth - valueWidth - 1} color={color} />
		</Box>
	);
}

function LineEditor({value, onChange, width, placeholder, priority}: {value: string; onChange: (value: string) => void; width: number; placeholder: string; priority: number}) {
	const editor = useTextEditor({value, onChange, priority});
	if (editor.state.text === '' && placeholder) {
		const shown = fitText(placeholder, width).trimEnd();
		return (
			<Text>
				<Text inverse>{shown[0] ?? ' '}</Text>
				<Text dimColor>{shown.slice(1)}</Text>
			</Text>
		);
	}
	const view = lineWindow(editor.state.text, editor.state.cursor, width);
	return (
		<Text>
			{view.before}
			<Text inverse>{view.at}</Text>
			{view.after}
		</Text>
	);
}
