import {Box, Text} from 'ink';
import {tint} from './theme.js';

/** A field's validation message beside it: red, and bold so it stands out without colour. */
export function FieldError({error, width, color}: {error?: string; width: number; color: boolean}) {
	if (!error || width <= 2) return null;
	return (
		<Box width={width - 1} marginLeft={1}>
			<Text bold color={tint(color, 'red')} wrap="truncate">{`✗ ${error}`}</Text>
		</Box>
	);
}
