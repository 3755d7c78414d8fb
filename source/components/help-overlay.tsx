import {Box, Text} from 'ink';
import type {ActiveLayer} from '../keys/registry.js';
import {keyLabel} from '../keys/key-names.js';
import {fitText} from './fit-text.js';

/** Every key of the current screen, grouped by layer; the same registry data the footer uses. */
export function helpLines(layers: readonly ActiveLayer[]): Array<{heading: string} | {keys: string; help: string}> {
	const lines: Array<{heading: string} | {keys: string; help: string}> = [];
	for (const layer of layers) {
		lines.push({heading: layer.title});
		for (const binding of layer.bindings) lines.push({keys: binding.keys.map(keyLabel).join(' '), help: binding.help});
	}
	return lines;
}

/** Rows the overlay has for key lines: its height less the title and the "more" line. */
export function helpRows(height: number): number {
	return Math.max(1, height - 2);
}

export function HelpOverlay({layers, width, height, offset = 0}: {layers: readonly ActiveLayer[]; width: number; height: number; offset?: number}) {
	const lines = helpLines(layers);
	const keyWidth = Math.min(24, Math.max(...lines.map(line => ('keys' in line ? line.keys.length : 0))) + 2);
	const shown = lines.slice(offset, offset + helpRows(height));
	const below = lines.length - offset - shown.length;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold>Keys (Esc or ? closes{lines.length > helpRows(height) ? ', j/k scroll' : ''})</Text>
			{shown.map((line, index) =>
				'heading' in line ? (
					<Text key={index} bold underline>{fitText(line.heading, width).trimEnd()}</Text>
				) : (
					<Text key={index}>
						<Text bold>{fitText(line.keys, keyWidth)}</Text>
						{fitText(line.help, width - keyWidth).trimEnd()}
					</Text>
				),
			)}
			{below > 0 ? <Text dimColor>… {below} more below</Text> : null}
		</Box>
	);
}
