import {Box, Text} from 'ink';
import {TextInput} from './text-input.js';
import {fitText} from './fit-text.js';
import {tint} from './theme.js';

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
};

/** A labelled one-line input with its validation message beside it. */
export function TextField({label, value, onChange, focus, labelWidth, width, error, color = false, placeholder}: TextFieldProps) {
	const valueWidth = Math.max(10, Math.floor((width - labelWidth) * 0.6));
	const errorWidth = Math.max(0, width - labelWidth - valueWidth - 1);
	return (
		<Box height={1} width={width}>
			<Text bold={focus} inverse={focus}>{fitText(label, labelWidth - 1)}</Text>
			<Text> </Text>
			<Box width={valueWidth} overflow="hidden">
				{focus ? (
					<TextInput value={value} placeholder={placeholder} onChange={onChange} />
				) : (
					<Text>{fitText(value, valueWidth).trimEnd()}</Text>
				)}
			</Box>
			{error ? (
				<Box width={errorWidth} marginLeft={1}>
					<Text bold color={tint(color, 'red')} wrap="truncate">{`✗ ${error}`}</Text>
				</Box>
			) : null}
		</Box>
	);
}
