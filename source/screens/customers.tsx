import {useState} from 'react';
import {Box} from 'ink';
import type {Customer} from '../customers/customer-fields.js';
import {useDesk} from '../components/desk-context.js';
import {useTrackedWork} from '../keys/use-key-layer.js';
import {Confirm} from '../components/confirm.js';
import type {ScreenProps} from '../components/screen-props.js';
import {useCustomerList} from '../hooks/use-customer-list.js';
import {CustomerListView, listChromeRows, type CustomerListActions} from './customers-list.js';
import {segmentPickerView, segmentSaveView, customerDetailView, customerEditorView, customerHistoryView, interactionFormView, interactionView, orderView, robotPickerView, duplicatesView} from './lazy-screens.js';
import type {Order} from '../orders/order-fields.js';
import type {Interaction} from '../customers/interactions.js';

/** Where Esc returns to from a form or the history. */
type Back = {kind: 'list'} | {kind: 'detail'; id: number; known?: Customer};

type View =
	| Back
	| {kind: 'edit'; customer: Customer; back: Back}
	| {kind: 'new'}
	| {kind: 'history'; customer: Customer; back: Back}
	| {kind: 'interaction'; customer: Customer; back: Back}
	| {kind: 'robot'; customer: Customer; back: Back}
	| {kind: 'order'; order: Order; back: Back}
	| {kind: 'record'; interaction: Interaction; back: Back}
	| {kind: 'segments'}
	| {kind: 'duplicates'};

/**
 * The Customers tab: the list, and the views opened from it. The list's state (filter,
 * position) lives here, so it is where it was when a view closes.
 */
export function CustomersScreen({width, height}: ScreenProps) {
	const {db, notify, report, changed, firstPage} = useDesk();
	const list = useCustomerList(height - listChromeRows, firstPage);
	const track = useTrackedWork();
	const [view, setView] = useState<View>({kind: 'list'});
	const [savingSegment, setSavingSegment] = useState(false);
	const [searching, setSearching] = useState(false);
	const [deleting, setDeleting] = useState<Customer>();

	const here: Back = view.kind === 'detail' ? {kind: 'detail', id: view.id, known: view.known} : {kind: 'list'};
	// The module that writes customers brings the validation library: loaded at the first
	// write, not before the first frame. The key after waits for the read or write (tracked);
	// its troubles (a lock, an unreachable server) go to the status line.
	const attempt = (work: (customers: typeof import('../customers/customers.js')) => Promise<void>) => {
		track(import('../customers/customers.js').then(work)).catch(report);
	};
	const actions: CustomerListActions = {
		open: customer => setView({kind: 'detail', id: customer.id, known: customer}),
		// The form starts from what is stored now, not from a list row that may be older.
		edit: customer => attempt(async ({getCustomer}) => setView({kind: 'edit', customer: (await getCustomer(db, customer.id)) ?? customer, back: here})),
		create: () => setView({kind: 'new'}),
		remove: customer => setDeleting(customer),
		restore: customer => attempt(async ({restoreCustomer}) => {
			const restored = await restoreCustomer(db, customer.id, {actor: 'operator'});
			changed();
			notify(`Restored ${restored.name} (#${restored.id})`, 'success');
		}),
		logInteraction: customer => setView({kind: 'interaction', customer, back: here}),
		history: customer => setView({kind: 'history', customer, back: here}),
		robot: customer => setView({kind: 'robot', customer, back: here}),
		segments: () => setView({kind: 'segments'}),
		saveSegment: () => setSavingSegment(true),
		duplicates: () => setView({kind: 'duplicates'}),
	};
	const confirmDelete = deleting ? (
		<Confirm
			question={`Delete customer “${deleting.name}” (#${deleting.id})?`}
			onNo={() => setDeleting(undefined)}
			onYes={() => {
				setDeleting(undefined);
				attempt(async ({deleteCustomer}) => {
					await deleteCustomer(db, deleting.id, {actor: 'operator'});
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
			body = (
				<CustomerListView
					list={list}
					actions={actions}
					width={width}
					height={height}
					searching={searching}
					setSearching={setSearching}
					prompt={confirmDelete ?? (savingSegment ? <segmentSaveView.View filter={list.filter} width={width} onDone={() => setSavingSegment(false)} /> : undefined)}
				/>
			);
			break;
		case 'detail':
			body = (
				<customerDetailView.View
					id={view.id}
					known={view.known}
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
			body = <orderView.View order={view.order} width={width} height={height} onBack={backTo(view.back)} />;
			break;
		case 'record':
			body = <interactionView.View interaction={view.interaction} width={width} height={height} onBack={backTo(view.back)} />;
			break;
		case 'edit':
		case 'new':
			body = (
				<customerEditorView.View
					customer={view.kind === 'edit' ? view.customer : undefined}
					width={width}
					height={height}
					onDone={saved => {
						// A new customer, or a renamed one (it moves in name order): the list follows it,
						// so the selection, and what d or e acts on next, is the customer just saved.
						if (saved && (view.kind === 'new' || saved.name !== view.customer.name)) list.reveal(saved);
						setView(view.kind === 'edit' ? view.back : {kind: 'list'});
					}}
				/>
			);
			break;
		case 'history':
			body = <customerHistoryView.View customer={view.customer} width={width} height={height} onBack={backTo(view.back)} />;
			break;
		case 'interaction':
			body = <interactionFormView.View customer={view.customer} width={width} height={height} onDone={backTo(view.back)} />;
			break;
		case 'segments':
			body = (
				<segmentPickerView.View
					width={width}
					height={height}
					current={list.filter.segment?.name}
					onClose={() => setView({kind: 'list'})}
					onPick={chosen => {
						list.applyFilter(chosen ?? {search: '', status: 'all'});
						setView({kind: 'list'});
					}}
				/>
			);
			break;
		case 'robot':
			body = <robotPickerView.View customer={view.customer} width={width} height={height} onDone={backTo(view.back)} />;
			break;
		case 'duplicates':
			body = <duplicatesView.View width={width} height={height} onBack={() => setView({kind: 'list'})} />;
			break;
	}
	return <Box width={width} height={height}>{body}</Box>;
}
