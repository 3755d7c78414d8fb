import {Box, Text} from 'ink';
import {fieldAbove, layerPriority} from '../keys/bindings.js';
import {choiceKeys} from '../keys/editing-keys.js';
import type {KeyPress} from '../keys/key-decoder.js';
import {useKeyLayer} from '../keys/use-key-layer.js';
import {fitText} from './fit-text.js';
import {FieldError} from './field-error.js';

type Props = {
	label: string;
	value: string;
	choices: readonly string[];
	onChange: (value: string) => void;
	focus: boolean;
	labelWidth: number;
	width: number;
	error?: string;
	color?: boolean;
	priority?: number;
};

/** The choice after (`by` 1) or before (-1) the current one, round. */
export function cycleChoice(choices: readonly string[], value: string, by: 1 | -1): string {
	const index = choices.indexOf(value);
	return choices[(index + by + choices.length) % choices.length] ?? value;
}

/** The next choice starting with `letter` after the current one (any case), or the value unchanged. */
export function jumpToChoice(choices: readonly string[], value: string, letter: string): string {
	const lower = letter.toLowerCase();
	const start = choices.indexOf(value);
	for (let step = 1; step <= choices.length; step++) {
		const choice = choices[(start + step + choices.length) % choices.length]!;
		if (choice.toLowerCase().startsWith(lower)) return choice;
	}
	return value;
}

/**
 * A field with a fixed set of values (a status, an interaction's kind): every choice is
 * shown, the current one marked; Left/Right or Space move, a letter jumps. Nothing can be
 * typed, so no value outside the set can be saved.
 */
export function ChoiceField({label, value, choices, onChange, focus, labelWidth, width, error, color = false, priority = layerPriority.view}: Props) {
	const shown = choices.includes(value) ? choices : [value, ...choices];
	const used = shown.reduce((sum, choice) => sum + choice.length + 2, 0);
	return (
		<Box height={1} width={width}>
			<Text bold={focus} inverse={focus}>{fitText(label, labelWidth - 1)}</Text>
			<Text> </Text>
			{focus ? <ChoiceKeys value={value} choices={choices} onChange={onChange} priority={priority + fieldAbove} /> : null}
			<Text wrap="truncate">
				{shown.map(choice => (
					<Text key={choice} inverse={choice === value && focus} bold={choice === value} dimColor={choice !== value}>
						{choice === value && !focus ? `[${choice}]` : ` ${choice} `}
					</Text>
				))}
			</Text>
			<FieldError error={error} width={width - labelWidth - used} color={color} />
		</Box>
	);
}

function ChoiceKeys({value, choices, onChange, priority}: {value: string; choices: readonly string[]; onChange: (value: string) => void; priority: number}) {
	useKeyLayer('Choice', choiceKeys, {
		next: () => onChange(cycleChoice(choices, value, 1)),
		previous: () => onChange(cycleChoice(choices, value, -1)),
		jump: () => {},
	}, {
		priority,
		text: (key: KeyPress) => {
			// Letters jump, each from where the one before landed; a paste has nothing to pick from.
			if (key.name === 'paste' || !key.text) return;
			let choice = value;
			for (const letter of key.text) choice = jumpToChoice(choices, choice, letter);
			onChange(choice);
		},
	});
	return null;
}
