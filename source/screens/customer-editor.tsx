import {useState} from 'react';
import {Text} from 'ink';
import {customerFieldNames, emptyCustomerFields, type Customer, type CustomerFieldName} from '../customers/customer-fields.js';
import {createCustomer, getCustomer, updateCustomer} from '../customers/customers.js';
import {validateCustomerFieldsAll} from '../customers/customer-validation.js';
import {ConflictError, ValidationError} from '../store/errors.js';
import {useDesk} from '../components/desk-context.js';
import {FormView} from '../components/form-view.js';
import {ConflictNotice} from '../components/conflict-notice.js';
import {fitText} from '../components/fit-text.js';
import {layerPriority} from '../keys/bindings.js';
import {useKeyLayer, useTrackedWork} from '../keys/use-key-layer.js';
import {useForm} from '../hooks/use-form.js';
import {customerFormKeys} from './customers-keys.js';
import {conflictRows, customerFormSpecs, fieldsOfForm, formValuesOf, mergeMine, type CustomerFormValues} from './customer-form-fields.js';

type Conflict = {theirs: Customer};

/** "email, phone": the fields a message names. */
const named = (fields: readonly string[]) => fields.join(', ');

/**
 * Adds (no `customer`) or edits a customer. Every field is checked before anything is
 * written and every bad field is marked at once; an edit carries the version it started
 * from, so a change saved elsewhere meanwhile is shown (field, theirs, yours) instead of
 * overwritten, and the operator picks: load theirs, or keep mine and save.
 */
export function CustomerEditor({customer, width, height, onDone}: {customer?: Customer; width: number; height: number; onDone: (saved?: Customer) => void}) {
	const {db, color, notify, report, changed} = useDesk();
	const track = useTrackedWork();
	const form = useForm<CustomerFieldName>(customerFieldNames, formValuesOf(customer ?? emptyCustomerFields));
	const [version, setVersion] = useState(customer?.version);
	const [conflict, setConflict] = useState<Conflict>();

	const save = (values: CustomerFormValues, expectedVersion: number | undefined) => {
		const check = validateCustomerFieldsAll(fieldsOfForm(values));
		if (!check.ok) {
			form.setErrors(check.errors);
			notify(`Not saved: fix ${named(Object.keys(check.errors))}`, 'error');
			return;
		}
		// The next key waits for the save (tracked): it works on what the save left on screen.
		track((async () => {
			try {
				const saved = customer
					? await updateCustomer(db, customer.id, check.fields, {expectedVersion, actor: 'operator'})
					: await createCustomer(db, check.fields, {actor: 'operator'});
				changed();
				notify(`Saved ${saved.name} (#${saved.id})`, 'success');
				onDone(saved);
			} catch (error) {
				if (error instanceof ValidationError && (customerFieldNames as readonly string[]).includes(error.field)) {
					form.setErrors({[error.field]: error.message.replace(`${error.field}: `, '')});
					notify(`Not saved: fix ${error.field}`, 'error');
				} else if (error instanceof ConflictError && customer) {
					const theirs = await getCustomer(db, customer.id);
					if (!theirs || theirs.deleted_at) {
						notify(`Not saved: ${customer.name} (#${customer.id}) was deleted meanwhile`, 'error');
						onDone();
						return;
					}
					setConflict({theirs});
				} else {
					throw error;
				}
			}
		})()).catch(report);
	};

	const loadTheirs = (theirs: Customer) => {
		form.reset(formValuesOf(theirs));
		setVersion(theirs.version);
		setConflict(undefined);
		notify(`Loaded the version saved elsewhere (version ${theirs.version}); your edits were dropped`, 'info');
	};
	const keepMine = (theirs: Customer) => {
		const merged = mergeMine(form.start, formValuesOf(theirs), form.values);
		form.reset(formValuesOf(theirs));
		for (const field of form.changedFields) form.set(field, merged[field]);
		setVersion(theirs.version);
		setConflict(undefined);
		save(merged, theirs.version);
	};

	useKeyLayer(customer ? 'Edit customer' : 'New customer', customerFormKeys, {
		save: conflict ? undefined : () => save(form.values, version),
		leave: () => (form.dirty ? form.setConfirmingLeave(true) : onDone()),
		next: form.next,
		previous: form.previous,
		down: form.down,
		up: form.up,
	}, {priority: layerPriority.view, exclusive: true});

	const title = customer ? `Edit ${customer.name} (#${customer.id})` : 'New customer';
	if (conflict) {
		return (
			<ConflictNotice
				fields={conflictRows(form.start, formValuesOf(conflict.theirs), form.values)}
				width={width}
				height={height}
				color={color}
				onLoadTheirs={() => loadTheirs(conflict.theirs)}
				onKeepMine={() => keepMine(conflict.theirs)}
				onBack={() => setConflict(undefined)}
			/>
		);
	}
	const errors = Object.keys(form.errors);
	const message = errors.length > 0 ? <Text bold wrap="truncate">{fitText(`${errors.length} field${errors.length === 1 ? '' : 's'} to fix before saving: ${named(errors)}`, width).trimEnd()}</Text> : undefined;
	return <FormView title={title} form={form} specs={customerFormSpecs} width={width} height={height} color={color} message={message} onLeave={() => onDone()} />;
}
