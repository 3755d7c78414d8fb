import type {Customer} from '../customers/customer-fields.js';
import {addInteraction, interactionKinds} from '../customers/interactions.js';
import {ValidationError} from '../store/errors.js';
import {useDesk} from '../components/desk-context.js';
import {FormView, type FormFieldSpec} from '../components/form-view.js';
import {layerPriority} from '../keys/bindings.js';
import {useKeyLayer} from '../keys/use-key-layer.js';
import {useForm} from '../hooks/use-form.js';
import {customerFormKeys} from './customers-keys.js';

type Field = 'kind' | 'direction' | 'subject' | 'body';
const fields: readonly Field[] = ['kind', 'direction', 'subject', 'body'];

// Robots log their own interactions; people pick from the rest.
const operatorKinds = interactionKinds.filter(kind => kind !== 'robot');

const specs: ReadonlyArray<FormFieldSpec<Field>> = [
	{field: 'kind', label: 'Kind', hint: operatorKinds.join(', ')},
	{field: 'direction', label: 'Direction', hint: 'in or out'},
	{field: 'subject', label: 'Subject'},
	{field: 'body', label: 'Body'},
];

/** Logs a call, email, note, … with a customer; the same keys as the customer form. */
export function CustomerInteractionForm({customer, width, height, onDone}: {customer: Customer; width: number; height: number; onDone: () => void}) {
	const {db, color, notify, report, changed} = useDesk();
	const form = useForm<Field>(fields, {kind: 'call', direction: 'out', subject: '', body: ''});

	const save = () => {
		const kind = form.values.kind.trim();
		if (kind === 'robot') {
			form.setErrors({kind: `must be one of ${operatorKinds.join(', ')}`});
			return;
		}
		try {
			addInteraction(db, customer.id, {kind, direction: form.values.direction.trim(), subject: form.values.subject, body: form.values.body, actor: 'operator'});
			changed();
			notify(`Logged ${kind} with ${customer.name}`, 'success');
			onDone();
		} catch (error) {
			if (error instanceof ValidationError && (fields as readonly string[]).includes(error.field)) {
				form.setErrors({[error.field]: error.message.replace(`${error.field}: `, '')});
				notify('Not saved: fix the marked field', 'error');
			} else {
				report(error);
			}
		}
	};

	useKeyLayer('Log interaction', customerFormKeys, {
		save,
		leave: () => (form.dirty ? form.setConfirmingLeave(true) : onDone()),
		next: form.next,
		previous: form.previous,
	}, {priority: layerPriority.view, exclusive: true});

	return <FormView title={`Log an interaction with ${customer.name} (#${customer.id})`} form={form} specs={specs} width={width} height={height} color={color} onLeave={onDone} />;
}
