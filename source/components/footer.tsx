import {Box, Text} from 'ink';
import type {ActiveLayer} from '../keys/registry.js';
import {keyLabel} from '../keys/key-names.js';
import {textWidth} from './fit-text.js';

type Hint = {key: string; label: string; pinned: boolean};

const costOf = (hint: Hint) => textWidth(hint.key) + 1 + textWidth(hint.label) + 2;

/**
 * `key label` pairs, top layer first (the keys of what is on top matter most), each key
 * once, as many as fit in `width`. Pinned keys (`q quit`, `? help`, `F1 help` in a text field) come last and are the
 * last to go: when the footer is narrow, the least important of the others go first.
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
			hints.push({key, label: binding.label, pinned: binding.pinned === true});
		}
	}
	const pinned = hints.filter(hint => hint.pinned);
	const others = hints.filter(hint => !hint.pinned);
	// Of the pinned, help goes last: it lists everything else.
	pinned.sort((a, b) => Number(a.label === 'help') - Number(b.label === 'help'));
	let room = width;
	const keptPinned: Hint[] = [];
	for (const hint of [...pinned].reverse()) {
		if (costOf(hint) > room) break;
		room -= costOf(hint);
		keptPinned.unshift(hint);
	}
	const kept: Hint[] = [];
	for (const hint of others) {
		if (costOf(hint) > room) break;
		room -= costOf(hint);
		kept.push(hint);
	}
	return [...kept, ...keptPinned];
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
