import {useState} from 'react';
import {Text} from 'ink';
import {customerFieldNames, customerStatuses, emptyCustomerFields, formatTags, parseTags, type Customer, type CustomerFieldName, type CustomerFields, type CustomerStatus} from '../customers/customer-fields.js';
import {createCustomer, getCustomer, updateCustomer} from '../customers/customers.js';
import {validateCustomerFieldsAll} from '../customers/customer-validation.js';
import {ConflictError, ValidationError} from '../store/errors.js';
import {useDesk} from '../components/desk-context.js';
import {FormView, type FormFieldSpec} from '../components/form-view.js';
import {layerPriority} from '../keys/bindings.js';
import {useKeyLayer} from '../keys/use-key-layer.js';
import {useForm} from '../hooks/use-form.js';
import {customerFormKeys} from './customers-keys.js';

const specs: ReadonlyArray<FormFieldSpec<CustomerFieldName>> = [
	{field: 'name', label: 'Name'},
	{field: 'company', label: 'Company'},
	{field: 'email', label: 'Email'},
	{field: 'phone', label: 'Phone'},
	{field: 'address', label: 'Address'},
	{field: 'city', label: 'City'},
	{field: 'country', label: 'Country'},
	{field: 'status', label: 'Status', hint: customerStatuses.join(', ')},
	{field: 'tags', label: 'Tags', hint: 'separated by ;'},
	{field: 'notes', label: 'Notes'},
];

type Values = Record<CustomerFieldName, string>;

function valuesOf(fields: CustomerFields): Values {
	return {...fields, tags: formatTags(fields.tags).replaceAll(';', '; ')};
}

function fieldsOf(values: Values): CustomerFields {
	return {...values, status: values.status.trim() as CustomerStatus, tags: parseTags(values.tags)};
}

/**
 * Adds (no `customer`) or edits a customer. Every field is checked before anything is
 * written; an edit carries the version it started from, so a change saved elsewhere in
 * the meantime is reported instead of overwritten.
 */
export function CustomerEditor({customer, width, height, onDone}: {customer?: Customer; width: number; height: number; onDone: (saved?: Customer) => void}) {
	const {db, color, notify, report, changed} = useDesk();
	const form = useForm<CustomerFieldName>(customerFieldNames, valuesOf(customer ?? emptyCustomerFields));
	const [version, setVersion] = useState(customer?.version);
	const [conflict, setConflict] = useState<string>();

	const save = () => {
		const check = validateCustomerFieldsAll(fieldsOf(form.values));
		if (!check.ok) {
			form.setErrors(check.errors);
			notify('Not saved: fix the marked fields', 'error');
			return;
		}
		try {
			const saved = customer
				? updateCustomer(db, customer.id, check.fields, {expectedVersion: version, actor: 'operator'})
				: createCustomer(db, check.fields, {actor: 'operator'});
			changed();
			notify(`Saved ${saved.name} (#${saved.id})`, 'success');
			onDone(saved);
		} catch (error) {
			if (error instanceof ValidationError && (customerFieldNames as readonly string[]).includes(error.field)) {
				form.setErrors({[error.field]: error.message.replace(`${error.field}: `, '')});
				notify('Not saved: fix the marked fields', 'error');
			} else if (error instanceof ConflictError) {
				setConflict(error.message);
			} else {
				report(error);
			}
		}
	};

	const reload = () => {
		const latest = customer && getCustomer(db, customer.id);
		if (!latest || latest.deleted_at) {
			notify(`Customer #${customer?.id} was deleted meanwhile`, 'error');
			onDone();
			return;
		}
		form.reset(valuesOf(latest));
		setVersion(latest.version);
		setConflict(undefined);
		notify('Loaded the newest version', 'info');
	};

	useKeyLayer(customer ? 'Edit customer' : 'New customer', customerFormKeys, {
		save,
		leave: () => (form.dirty ? form.setConfirmingLeave(true) : onDone()),
		next: form.next,
		previous: form.previous,
		reload: conflict ? reload : undefined,
	}, {priority: layerPriority.view, exclusive: true});

	const message = conflict ? (
		<Text bold color={color ? 'yellow' : undefined} wrap="truncate">
			Changed elsewhere since you opened it: Ctrl-R loads that version (drops your edits), Esc leaves.
		</Text>
	) : undefined;
	const title = customer ? `Edit ${customer.name} (#${customer.id})` : 'New customer';
	return <FormView title={title} form={form} specs={specs} width={width} height={height} color={color} message={message} onLeave={() => onDone()} />;
}
