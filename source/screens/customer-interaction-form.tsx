import {Text} from 'ink';
import type {Customer} from '../customers/customer-fields.js';
import {addInteraction, interactionDirections, interactionKinds, interactionProblems} from '../customers/interactions.js';
import {ValidationError} from '../store/errors.js';
import {useDesk} from '../components/desk-context.js';
import {FormView, type FormFieldSpec} from '../components/form-view.js';
import {fitText} from '../components/fit-text.js';
import {layerPriority} from '../keys/bindings.js';
import {useKeyLayer, useTrackedWork} from '../keys/use-key-layer.js';
import {useForm} from '../hooks/use-form.js';
import {customerFormKeys} from './customers-keys.js';

type Field = 'kind' | 'direction' | 'subject' | 'body';
const fields: readonly Field[] = ['kind', 'direction', 'subject', 'body'];

// Robots log their own interactions; people pick from the rest.
const operatorKinds = interactionKinds.filter(kind => kind !== 'robot');

const specs: ReadonlyArray<FormFieldSpec<Field>> = [
	{field: 'kind', label: 'Kind', kind: 'choice', choices: operatorKinds},
	{field: 'direction', label: 'Direction', kind: 'choice', choices: interactionDirections},
	{field: 'subject', label: 'Subject'},
	{field: 'body', label: 'Body', kind: 'area'},
];

/** Logs a call, email, note, … with a customer; the same keys as the customer form. */
export function CustomerInteractionForm({customer, width, height, onDone}: {customer: Customer; width: number; height: number; onDone: () => void}) {
	const {db, color, notify, report, changed} = useDesk();
	const track = useTrackedWork();
	const form = useForm<Field>(fields, {kind: 'call', direction: 'out', subject: '', body: ''});

	const save = () => {
		const interaction = {...form.values, actor: 'operator'};
		const problems = interactionProblems(interaction);
		if (Object.keys(problems).length > 0) {
			form.setErrors(problems);
			notify(`Not saved: fix ${Object.keys(problems).join(', ')}`, 'error');
			return;
		}
		track((async () => {
			try {
				await addInteraction(db, customer.id, interaction);
				changed();
				notify(`Logged ${interaction.kind} with ${customer.name}`, 'success');
				onDone();
			} catch (error) {
				if (!(error instanceof ValidationError && (fields as readonly string[]).includes(error.field))) throw error;
				form.setErrors({[error.field]: error.message.replace(`${error.field}: `, '')});
				notify(`Not saved: fix ${error.field}`, 'error');
			}
		})()).catch(report);
	};

	useKeyLayer('Log interaction', customerFormKeys, {
		save,
		leave: () => (form.dirty ? form.setConfirmingLeave(true) : onDone()),
		next: form.next,
		previous: form.previous,
		down: form.down,
		up: form.up,
	}, {priority: layerPriority.view, exclusive: true});

	const errors = Object.keys(form.errors);
	const message = errors.length > 0 ? <Text bold wrap="truncate">{fitText(`${errors.length} field${errors.length === 1 ? '' : 's'} to fix before saving: ${errors.join(', ')}`, width).trimEnd()}</Text> : undefined;
	return <FormView title={`Log an interaction with ${customer.name} (#${customer.id})`} form={form} specs={specs} width={width} height={height} color={color} message={message} onLeave={onDone} />;
}
