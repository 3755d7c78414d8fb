import {Box, Text} from 'ink';
import type {ActiveLayer} from '../keys/registry.js';
import {keyLabel} from '../keys/key-names.js';
import {textWidth} from './fit-text.js';

type Hint = {key: string; label: string};

const costOf = (hint: Hint) => textWidth(hint.key) + 1 + textWidth(hint.label) + 2;

/**
 * `key label` pairs, top layer first, each key once, as many as fit in `width`. When some
 * must go, `?` (the help listing all of them) stays, last.
 */
export function footerHints(layers: readonly ActiveLayer[], width: number): Hint[] {
	const hints: Hint[] = [];
	const seen = new Set<string>();
	for (const layer of layers) {
		for (const binding of layer.bindings) {
			if (binding.footer === false) continue;
			const key = keyLabel(binding.keys[0]!);
			if (seen.has(key)) continue;
			seen.add(key);
			hints.push({key, label: binding.label});
		}
	}
	if (hints.reduce((sum, hint) => sum + costOf(hint), 0) <= width) return hints;
	const help = hints.find(hint => hint.key === '?');
	let room = width - (help ? costOf(help) : 0);
	const shown: Hint[] = [];
	for (const hint of hints) {
		if (hint === help) continue;
		if (costOf(hint) > room) break;
		room -= costOf(hint);
		shown.push(hint);
	}
	return help ? [...shown, help] : shown;
}

/** The keys that work right now; generated from the key registry like the help overlay. */
export function Footer({layers, width}: {layers: readonly ActiveLayer[]; width: number}) {
	return (
		<Box width={width} height={1}>
			<Text wrap="truncate">
				{footerHints(layers, width).map(hint => (
					<Text key={hint.key}>
						<Text bold inverse>{hint.key}</Text>
						<Text> {hint.label}  </Text>
					</Text>
				))}
			</Text>
		</Box>
	);
}
