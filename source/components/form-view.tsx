import {Box, Text} from 'ink';
import type {FormState} from '../hooks/use-form.js';
import {layerPriority} from '../keys/bindings.js';
import {Confirm} from './confirm.js';
import {TextField} from './text-field.js';
import {TextArea} from './text-area.js';
import {ChoiceField} from './choice-field.js';
import {fitText} from './fit-text.js';

export type FormFieldSpec<Field extends string> = {
	field: Field;
	label: string;
	/** Greyed in an empty one-line field. */
	hint?: string;
	/** `line` (default), `area` (several lines: Enter breaks the line) or `choice` (a picker of `choices`). */
	kind?: 'line' | 'area' | 'choice';
	choices?: readonly string[];
};

type Props<Field extends string> = {
	title: string;
	form: FormState<Field>;
	specs: ReadonlyArray<FormFieldSpec<Field>>;
	width: number;
	height: number;
	color: boolean;
	/** A line under the fields: a failed save. */
	message?: React.ReactNode;
	onLeave: () => void;
};

// Title, a blank line; a blank line and the message line under the fields.
const chromeRows = 4;

/** Lines each text area gets: what the one-line fields leave, shared, at least two and at most ten. */
export function areaRows(specs: ReadonlyArray<{kind?: string}>, height: number): number {
	const areas = specs.filter(spec => spec.kind === 'area').length;
	if (areas === 0) return 0;
	const free = height - chromeRows - (specs.length - areas);
	return Math.max(2, Math.min(10, Math.floor(free / areas)));
}

/** A form's fields, each with its error beside it, and the leave question. */
export function FormView<Field extends string>({title, form, specs, width, height, color, message, onLeave}: Props<Field>) {
	const labelWidth = Math.max(...specs.map(spec => spec.label.length)) + 2;
	const rows = areaRows(specs, height);
	const priority = layerPriority.view;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold wrap="truncate">{fitText(title, width).trimEnd()}{form.dirty ? ' (changed)' : ''}</Text>
			<Text> </Text>
			{specs.map((spec, index) => {
				const common = {
					label: spec.label,
					labelWidth,
					width,
					value: form.values[spec.field],
					onChange: (value: string) => form.set(spec.field, value),
					focus: index === form.focus && !form.confirmingLeave,
					error: form.errors[spec.field],
					color,
					priority,
				};
				if (spec.kind === 'choice') return <ChoiceField key={spec.field} {...common} choices={spec.choices ?? []} />;
				if (spec.kind === 'area') return <TextArea key={spec.field} {...common} rows={rows} onLeaveUp={form.previous} onLeaveDown={form.next} />;
				return <TextField key={spec.field} {...common} placeholder={spec.hint} />;
			})}
			<Text> </Text>
			{form.confirmingLeave ? (
				<Confirm question="Leave and drop your changes?" onYes={onLeave} onNo={() => form.setConfirmingLeave(false)} />
			) : (
				message ?? null
			)}
		</Box>
	);
}
