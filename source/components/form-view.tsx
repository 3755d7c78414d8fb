import {memo, useEffect} from 'react';
import {Box, Text} from 'ink';
import type {FormState} from '../hooks/use-form.js';
import {layerPriority} from '../keys/bindings.js';
import {useKeyRegistry} from '../keys/use-key-layer.js';
import {Confirm} from './confirm.js';
import {TextField, valueWidthOf} from './text-field.js';
import {TextArea} from './text-area.js';
import {ChoiceField} from './choice-field.js';
import {fitText, textWidth} from './fit-text.js';
import {tint} from './theme.js';

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

// Title, a blank line; a blank line, the message line and the focused field's whole error
// under the fields.
const chromeRows = 5;

/** Lines each text area gets: what the one-line fields leave, shared, at least two and at most ten. */
export function areaRows(specs: ReadonlyArray<{kind?: string}>, height: number): number {
	const areas = specs.filter(spec => spec.kind === 'area').length;
	if (areas === 0) return 0;
	const free = height - chromeRows - (specs.length - areas);
	return Math.max(2, Math.min(10, Math.floor(free / areas)));
}

type FieldProps<Field extends string> = {
	spec: FormFieldSpec<Field>;
	value: string;
	error: string | undefined;
	focus: boolean;
	set: (field: Field, value: string) => void;
	previous: () => void;
	next: () => void;
	labelWidth: number;
	width: number;
	rows: number;
	color: boolean;
	priority: number;
};

/** One field of a form, drawn again only when its own value, error or focus changes. */
const FormField = memo(function FormField<Field extends string>({spec, value, error, focus, set, previous, next, labelWidth, width, rows, color, priority}: FieldProps<Field>) {
	const common = {label: spec.label, labelWidth, width, value, onChange: (changed: string) => set(spec.field, changed), focus, error, color, priority};
	if (spec.kind === 'choice') return <ChoiceField {...common} choices={spec.choices ?? []} />;
	if (spec.kind === 'area') return <TextArea {...common} rows={rows} onLeaveUp={previous} onLeaveDown={next} />;
	return <TextField {...common} placeholder={spec.hint} />;
}) as <Field extends string>(props: FieldProps<Field>) => React.ReactElement;

/** A form's fields, each with its error beside it, and the leave question. */
export function FormView<Field extends string>({title, form, specs, width, height, color, message, onLeave}: Props<Field>) {
	const registry = useKeyRegistry();
	useEffect(() => (form.dirty ? registry.markUnsaved() : undefined), [form.dirty, registry]);
	const labelWidth = Math.max(...specs.map(spec => spec.label.length)) + 2;
	const rows = areaRows(specs, height);
	const priority = layerPriority.view;
	const focused = specs[form.focus];
	const focusedError = focused && !form.confirmingLeave ? form.errors[focused.field] : undefined;
	// Beside its field an error gets what the value leaves (about a third of the row): when
	// it is cut there, the field under the cursor shows it whole on a line of its own.
	const besideRoom = width - labelWidth - valueWidthOf(width, labelWidth) - 2;
	const wholeError = focused && focusedError && textWidth(`✗ ${focusedError}`) > besideRoom ? `✗ ${focused.label}: ${focusedError}` : undefined;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold wrap="truncate">{fitText(title, width).trimEnd()}{form.dirty ? ' (changed)' : ''}</Text>
			<Text> </Text>
			{specs.map((spec, index) => (
				<FormField
					key={spec.field}
					spec={spec}
					value={form.values[spec.field]}
					error={form.errors[spec.field]}
					focus={index === form.focus && !form.confirmingLeave}
					set={form.set}
					previous={form.up}
					next={form.down}
					labelWidth={labelWidth}
					width={width}
					rows={rows}
					color={color}
					priority={priority}
				/>
			))}
			<Text> </Text>
			{form.confirmingLeave ? (
				<Confirm question="Leave and drop your changes?" onYes={onLeave} onNo={() => form.setConfirmingLeave(false)} />
			) : (
				message ?? null
			)}
			{wholeError ? <Text bold color={tint(color, 'red')}>{fitText(wholeError, width).trimEnd()}</Text> : null}
		</Box>
	);
}
