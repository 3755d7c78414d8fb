import {useState} from 'react';
import {Box} from 'ink';
import type {Customer} from '../customers/customer-fields.js';
import {deleteCustomer, getCustomer, restoreCustomer} from '../customers/customers.js';
import {useDesk} from '../components/desk-context.js';
import {Confirm} from '../components/confirm.js';
import type {ScreenProps} from '../components/screen-props.js';
import {useCustomerList} from '../hooks/use-customer-list.js';
import {CustomerListView, listChromeRows, type CustomerListActions} from './customers-list.js';
import {CustomerDetail} from './customer-detail.js';
import {CustomerEditor} from './customer-editor.js';
import {CustomerHistory} from './customer-history.js';
import {CustomerInteractionForm} from './customer-interaction-form.js';
import {RobotPicker} from './robots-picker.js';
import {InteractionView, OrderView} from './customer-records.js';
import type {Order} from '../orders/order-fields.js';
import type {Interaction} from '../customers/interactions.js';

/** Where Esc returns to from a form or the history. */
type Back = {kind: 'list'} | {kind: 'detail'; id: number};

type View =
	| Back
	| {kind: 'edit'; customer: Customer; back: Back}
	| {kind: 'new'}
	| {kind: 'history'; customer: Customer; back: Back}
	| {kind: 'interaction'; customer: Customer; back: Back}
	| {kind: 'robot'; customer: Customer; back: Back}
	| {kind: 'order'; order: Order; back: Back}
	| {kind: 'record'; interaction: Interaction; back: Back};

/**
 * The Customers tab: the list, and the views opened from it. The list's state (filter,
 * position) lives here, so it is where it was when a view closes.
 */
export function CustomersScreen({width, height}: ScreenProps) {
	const {db, notify, report, changed} = useDesk();
	const list = useCustomerList(height - listChromeRows);
	const [view, setView] = useState<View>({kind: 'list'});
	const [searching, setSearching] = useState(false);
	const [deleting, setDeleting] = useState<Customer>();

	const here: Back = view.kind === 'detail' ? {kind: 'detail', id: view.id} : {kind: 'list'};
	// Forms start from what is stored now, not from a list row that may be older.
	const fresh = (customer: Customer) => getCustomer(db, customer.id) ?? customer;
	const attempt = (write: () => void) => {
		try {
			write();
		} catch (error) {
			report(error);
		}
	};
	const actions: CustomerListActions = {
		open: customer => setView({kind: 'detail', id: customer.id}),
		edit: customer => setView({kind: 'edit', customer: fresh(customer), back: here}),
		create: () => setView({kind: 'new'}),
		remove: customer => setDeleting(customer),
		restore: customer => attempt(() => {
			const restored = restoreCustomer(db, customer.id, {actor: 'operator'});
			changed();
			notify(`Restored ${restored.name} (#${restored.id})`, 'success');
		}),
		logInteraction: customer => setView({kind: 'interaction', customer, back: here}),
		history: customer => setView({kind: 'history', customer, back: here}),
		robot: customer => setView({kind: 'robot', customer, back: here}),
	};
	const confirmDelete = deleting ? (
		<Confirm
			question={`Delete customer “${deleting.name}” (#${deleting.id})?`}
			onNo={() => setDeleting(undefined)}
			onYes={() => {
				setDeleting(undefined);
				attempt(() => {
					deleteCustomer(db, deleting.id, {actor: 'operator'});
					changed();
					notify(`Deleted ${deleting.name} (#${deleting.id}); the deleted filter (s) can restore it`, 'success');
					if (view.kind === 'detail') setView({kind: 'list'});
				});
			}}
		/>
	) : undefined;
	const backTo = (back: Back) => () => setView(back);

	let body: React.ReactNode;
	switch (view.kind) {
		case 'list':
			body = <CustomerListView list={list} actions={actions} width={width} height={height} searching={searching} setSearching={setSearching} prompt={confirmDelete} />;
			break;
		case 'detail':
			body = (
				<CustomerDetail
					id={view.id}
					width={width}
					height={height}
					prompt={confirmDelete}
					actions={{
						...actions,
						back: () => setView({kind: 'list'}),
						openOrder: order => setView({kind: 'order', order, back: here}),
						openInteraction: interaction => setView({kind: 'record', interaction, back: here}),
					}}
				/>
			);
			break;
		case 'order':
			body = <OrderView order={view.order} width={width} height={height} onBack={backTo(view.back)} />;
			break;
		case 'record':
			body = <InteractionView interaction={view.interaction} width={width} height={height} onBack={backTo(view.back)} />;
			break;
		case 'edit':
		case 'new':
			body = (
				<CustomerEditor
					customer={view.kind === 'edit' ? view.customer : undefined}
					width={width}
					height={height}
					onDone={saved => {
						if (saved && view.kind === 'new') list.reveal(saved);
						setView(view.kind === 'edit' ? view.back : {kind: 'list'});
					}}
				/>
			);
			break;
		case 'history':
			body = <CustomerHistory customer={view.customer} width={width} height={height} onBack={backTo(view.back)} />;
			break;
		case 'interaction':
			body = <CustomerInteractionForm customer={view.customer} width={width} height={height} onDone={backTo(view.back)} />;
			break;
		case 'robot':
			body = <RobotPicker customer={view.customer} width={width} height={height} onDone={backTo(view.back)} />;
			break;
	}
	return <Box width={width} height={height}>{body}</Box>;
}
