import {Box, Text} from 'ink';
import type {FormState} from '../hooks/use-form.js';
import {Confirm} from './confirm.js';
import {TextField} from './text-field.js';

export type FormFieldSpec<Field extends string> = {field: Field; label: string; hint?: string};

type Props<Field extends string> = {
	title: string;
	form: FormState<Field>;
	specs: ReadonlyArray<FormFieldSpec<Field>>;
	width: number;
	height: number;
	color: boolean;
	/** A line under the fields: a conflict, a failed save. */
	message?: React.ReactNode;
	onLeave: () => void;
};

/** A form's fields, one a row, each with its error beside it, and the leave question. */
export function FormView<Field extends string>({title, form, specs, width, height, color, message, onLeave}: Props<Field>) {
	const labelWidth = Math.max(...specs.map(spec => spec.label.length)) + 2;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold wrap="truncate">{title}{form.dirty ? ' (changed)' : ''}</Text>
			<Text> </Text>
			{specs.map((spec, index) => (
				<TextField
					key={spec.field}
					label={spec.label}
					labelWidth={labelWidth}
					width={width}
					value={form.values[spec.field]}
					onChange={value => form.set(spec.field, value)}
					focus={index === form.focus && !form.confirmingLeave}
					error={form.errors[spec.field]}
					placeholder={spec.hint}
					color={color}
				/>
			))}
			<Text> </Text>
			{form.confirmingLeave ? (
				<Confirm question="Leave and drop your changes?" onYes={onLeave} onNo={() => form.setConfirmingLeave(false)} />
			) : (
				message ?? null
			)}
		</Box>
	);
}
