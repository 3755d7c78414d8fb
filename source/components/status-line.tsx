import {Box, Text} from 'ink';
import type {StatusTone} from './desk-context.js';
import {fitText} from './fit-text.js';
import {tint} from './theme.js';

export type Status = {text: string; tone: StatusTone};

const colors: Record<StatusTone, string> = {info: 'cyan', success: 'green', error: 'red'};

/** Errors and confirmations, one line; errors are bold so they stand out without colour. */
export function StatusLine({status, width, color}: {status: Status | undefined; width: number; color: boolean}) {
	if (!status) return <Box height={1} width={width} />;
	const prefix = status.tone === 'error' ? 'error: ' : '';
	return (
		<Box height={1} width={width}>
			<Text bold={status.tone === 'error'} color={tint(color, colors[status.tone])}>
				{fitText(prefix + status.text, width).trimEnd()}
			</Text>
		</Box>
	);
}
