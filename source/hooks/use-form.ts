import {useCallback, useState} from 'react';

export type FormState<Field extends string> = {
	values: Record<Field, string>;
	/** The values the form started from (or was last reset to). */
	start: Record<Field, string>;
	errors: Partial<Record<Field, string>>;
	focus: number;
	dirty: boolean;
	/** The fields whose value differs from where the form started. */
	changedFields: Field[];
	/** Set when Esc was pressed on a changed form: the form asks before dropping edits. */
	confirmingLeave: boolean;
	set: (field: Field, value: string) => void;
	/** Tab and Shift-Tab: round the form, from the last field to the first and back. */
	next: () => void;
	previous: () => void;
	/** Down (Enter) and Up: to the next or previous field, stopping at the last and the first. */
	down: () => void;
	up: () => void;
	/** Marks every field with an error at once and moves to the first of them. */
	setErrors: (errors: Partial<Record<Field, string>>) => void;
	/** Starts over from these values (after a reload); they count as unchanged. */
	reset: (values: Record<Field, string>) => void;
	setConfirmingLeave: (asking: boolean) => void;
};

/** Text values, the focused field and per-field errors of a form; no knowledge of what it edits. */
export function useForm<Field extends string>(fields: readonly Field[], initial: Record<Field, string>): FormState<Field> {
	const [start, setStart] = useState(initial);
	const [values, setValues] = useState(initial);
	const [errors, setErrorState] = useState<Partial<Record<Field, string>>>({});
	const [focus, setFocus] = useState(0);
	const [confirmingLeave, setConfirmingLeave] = useState(false);
	const set = useCallback((field: Field, value: string) => {
		setValues(current => ({...current, [field]: value}));
		// The message described the old value; the next save checks again.
		setErrorState(current => {
			if (!(field in current)) return current;
			const {[field]: _dropped, ...rest} = current;
			return rest as Partial<Record<Field, string>>;
		});
	}, []);
	const reset = useCallback((next: Record<Field, string>) => {
		setStart(next);
		setValues(next);
		setErrorState({});
	}, []);
	const setErrors = useCallback((next: Partial<Record<Field, string>>) => {
		setErrorState(next);
		const first = fields.findIndex(field => next[field] !== undefined);
		if (first >= 0) setFocus(first);
	}, [fields]);
	const next = useCallback(() => setFocus(index => (index + 1) % fields.length), [fields]);
	const previous = useCallback(() => setFocus(index => (index - 1 + fields.length) % fields.length), [fields]);
	// Arrows stop at the ends: an Up too many on the name must not put what is typed next in the notes.
	const down = useCallback(() => setFocus(index => Math.min(index + 1, fields.length - 1)), [fields]);
	const up = useCallback(() => setFocus(index => Math.max(index - 1, 0)), []);
	const changedFields = fields.filter(field => values[field] !== start[field]);
	return {
		values,
		start,
		errors,
		focus,
		dirty: changedFields.length > 0,
		changedFields,
		confirmingLeave,
		set,
		next,
		previous,
		down,
		up,
		setErrors,
		reset,
		setConfirmingLeave,
	};
}
