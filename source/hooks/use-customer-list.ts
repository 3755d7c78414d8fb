import {useRef, useState} from 'react';
import type {Customer} from '../customers/customer-fields.js';
import {countCustomers, countCustomersBefore, type Count, type CountFilter} from '../customers/customer-count.js';
import {cursorOf, listCustomers} from '../customers/customer-list.js';
import type {Db} from '../store/store.js';
import {useDesk} from '../components/desk-context.js';
import {CustomerPager, statusFilters, type CustomerFilter, type CustomerWindow, type StatusFilter} from './customer-window.js';
import {useQuery} from './use-query.js';

export type CustomerList = {
	window: CustomerWindow;
	/** False until the first page has been read: the list has nothing to show yet (not "no customers"). */
	loaded: boolean;
	filter: CustomerFilter;
	selectedCustomer: Customer | undefined;
	/** Customers in the list (a search's matches up to a cap), once counted. */
	total: Count | undefined;
	/**
	 * The selected customer's place in the whole list, from 1, once known. With `more`, only
	 * that it is past `count`: a search counts at most 1,000 matches before it (after G in
	 * a search matching more, customer-count.ts).
	 */
	position: Count | undefined;
	/** The list narrows as this is typed: the field shows the text at once, the rows follow. */
	setSearch: (search: string) => void;
	/** Back to the whole list with the selected customer still selected (with none, the one selected before the search). */
	clearSearch: () => void;
	/** The next status, the selected customer still selected when the status shows it (else the customer after it). */
	cycleStatus: () => void;
	/** A whole new filter (a segment picked), from the top of the list. */
	applyFilter: (filter: CustomerFilter) => void;
	down: () => void;
	up: () => void;
	pageDown: () => void;
	pageUp: () => void;
	top: () => void;
	bottom: () => void;
	/** Scrolls to and selects this customer (after creating or restoring one). */
	reveal: (customer: Customer) => void;
};

type Move = (pager: CustomerPager, window: CustomerWindow, db: Db) => Promise<CustomerWindow>;

/**
 * What the list should show: each key that moves or filters makes a new request (`seq`),
 * holding the move and the window it moves from. Reading it again after a change (or a
 * resize) reloads the window the request led to instead of moving twice.
 */
type ListRequest = {seq: number; filter: CustomerFilter; move: Move; from: CustomerWindow};
type ListState = {seq: number; window: CustomerWindow};

const countQuery = (filter: CustomerFilter): CountFilter => ({search: filter.search || undefined, status: filter.status === 'all' ? undefined : filter.status});
const blank: CustomerWindow = {customers: [], selected: 0, start: undefined, moreAfter: false, offset: 0};
const firstPage: Move = pager => pager.top();

/**
 * The list under a new filter around a customer (as a search cleared, or a status picked,
 * found it): selected in the middle of the rows; when the filter leaves it out, the customer
 * after it in name order (the last, with none after it) is selected instead.
 */
const around = (customer: Customer, filter: CustomerFilter): Move => async (pager, _from, db) => {
	const window = await pager.reveal(customer);
	if (filter.segment || window.customers.some(shown => shown.id === customer.id)) return window;
	// Near the end the pager shows the last page, selecting its last row: the one after the customer is on it.
	const after = (await listCustomers(db, {...countQuery(filter), cursor: cursorOf(customer), limit: 1})).customers[0];
	const index = after ? window.customers.findIndex(shown => shown.id === after.id) : -1;
	return index >= 0 ? {...window, selected: index} : window;
};

/** The first page, read while the desk was starting (desk.tsx), for `rows` rows. */
export type FirstPage = {rows: number; window: CustomerWindow};

/**
 * The customers list's state: filter, the visible window of rows, the selection and its
 * position. Each move reads its page through useQuery (one index walk each, so a key costs
 * the same at a million customers; the next key waits for it); counts, which walk much
 * more, are read after the keys stop, in the background.
 */
export function useCustomerList(rows: number, initial?: FirstPage): CustomerList {
	const {deferMs} = useDesk();
	const pageRows = Math.max(1, rows);
	const [request, setRequest] = useState<ListRequest>({seq: 0, filter: {search: '', status: 'all'}, move: firstPage, from: blank});
	const {filter} = request;
	const listKey = (seq: number, count: number) => `${seq}\u0000${count}`;
	const list = useQuery<ListState>(listKey(request.seq, pageRows), async ({db, previous}) => {
		const pager = new CustomerPager(db, request.filter, pageRows);
		// The same request again: the data changed or the list was resized, so the same stretch of the list.
		if (previous?.value.seq === request.seq) return {seq: request.seq, window: await pager.reload(previous.value.window)};
		return {seq: request.seq, window: await request.move(pager, request.from, db)};
	}, {initial: initial && {key: listKey(0, initial.rows), value: {seq: 0, window: initial.window}}});
	const window = list.value?.window ?? blank;

	const filterKey = `${filter.status}\u0000${filter.search}\u0000${filter.segment ? JSON.stringify(filter.segment) : ''}`;
	const total = useQuery<Count>(filterKey, async ({db, signal}) => {
		if (!filter.segment) return countCustomers(db, countQuery(filter), {signal});
		const {countSegment} = await import('../automation/segment-query.js');
		return {count: await countSegment(db, filter.segment.definition, new Date(), signal), more: false};
	}, {delayMs: deferMs, background: true});
	// After a jump (G, a search cleared on a customer) nobody counted the rows before the window.
	const first = window.customers[0];
	const uncounted = window.offset === undefined && first && list.current ? first : undefined;
	const before = useQuery<Count>(`${filterKey}\u0000${uncounted?.id ?? ''}`, async ({db, signal}) => {
		if (!filter.segment) return countCustomersBefore(db, countQuery(filter), uncounted!, {signal});
		const {countSegmentBefore} = await import('../automation/segment-query.js');
		return {count: await countSegmentBefore(db, filter.segment.definition, uncounted!, {signal}), more: false};
	}, {
		delayMs: deferMs, background: true, enabled: uncounted !== undefined,
	});
	const counted = uncounted && before.current ? before.value : undefined;
	const offset = window.offset ?? (counted?.more ? undefined : counted?.count);
	const selectedCustomer = window.customers[window.selected];
	const position = (): Count | undefined => {
		if (!selectedCustomer) return undefined;
		if (offset !== undefined) return {count: offset + window.selected + 1, more: false};
		// More matches before the window than a search counts: the selection is past them, no more is known.
		return counted?.more ? counted : undefined;
	};

	const ask = (move: Move, next: CustomerFilter = filter) => setRequest({
		seq: request.seq + 1,
		filter: next,
		move,
		// Counted after a jump: moves from here on are counted as they happen.
		from: {...window, offset},
	});
	const refilter = (next: CustomerFilter, keep?: Customer) => ask(keep ? around(keep, next) : firstPage, next);
	// Where the list was when a search began: Esc from a search that selects no one (no match) goes back there.
	const beforeSearch = useRef<Customer | undefined>(undefined);
	// The customer selected when s was pressed, and the request that s made: pressed again with no
	// move between, s still follows that customer (not the neighbour selected while a status hid
	// them), so cycling round to a status that shows them comes back to them.
	const beforeStatus = useRef<{customer: Customer; seq: number} | undefined>(undefined);
	return {
		window,
		loaded: list.value !== undefined,
		filter,
		selectedCustomer,
		total: total.current ? total.value : undefined,
		position: position(),
		// Another search or status leaves a picked segment: the list is then the search and status alone.
		setSearch: search => {
			if (!filter.search) beforeSearch.current = selectedCustomer;
			refilter({search, status: filter.status});
		},
		clearSearch: () => refilter({search: '', status: filter.status}, selectedCustomer ?? beforeSearch.current),
		cycleStatus: () => {
			const followed = beforeStatus.current?.seq === request.seq ? beforeStatus.current.customer : selectedCustomer;
			beforeStatus.current = followed && {customer: followed, seq: request.seq + 1};
			refilter({search: filter.search, status: nextStatus(filter.status)}, followed);
		},
		applyFilter: next => refilter(next),
		down: () => ask((pager, from) => pager.down(from)),
		up: () => ask((pager, from) => pager.up(from)),
		pageDown: () => ask((pager, from) => pager.pageDown(from)),
		pageUp: () => ask((pager, from) => pager.pageUp(from)),
		top: () => ask(pager => pager.top()),
		bottom: () => ask(pager => pager.bottom()),
		reveal: customer => ask(pager => pager.reveal(customer)),
	};
}

function nextStatus(status: StatusFilter): StatusFilter {
	return statusFilters[(statusFilters.indexOf(status) + 1) % statusFilters.length]!;
}
