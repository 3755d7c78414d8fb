import {useCallback, useLayoutEffect, useReducer, useRef, useState} from 'react';
import type {Customer} from '../customers/customer-fields.js';
import {countCustomersInSteps, customersBeforeInSteps, type Count, type CountFilter} from '../customers/customer-count.js';
import {useDataVersion, useDesk} from '../components/desk-context.js';
import {CustomerPager, statusFilters, type CustomerFilter, type CustomerWindow, type StatusFilter} from './customer-window.js';
import {useDeferred} from './use-deferred.js';

export type CustomerList = {
	window: CustomerWindow;
	filter: CustomerFilter;
	selectedCustomer: Customer | undefined;
	/** Customers in the list (a search's matches up to a cap), once counted. */
	total: Count | undefined;
	/** The selected customer's place in the whole list, from 1, once known. */
	position: number | undefined;
	/** The list narrows as this is typed; the page is read in the same key press, so one frame shows both. */
	setSearch: (search: string) => void;
	/** Back to the whole list with the selected customer still selected. */
	clearSearch: () => void;
	cycleStatus: () => void;
	down: () => void;
	up: () => void;
	pageDown: () => void;
	pageUp: () => void;
	top: () => void;
	bottom: () => void;
	/** Scrolls to and selects this customer (after creating or restoring one). */
	reveal: (customer: Customer) => void;
};

const countQuery = (filter: CustomerFilter): CountFilter => ({search: filter.search || undefined, status: filter.status === 'all' ? undefined : filter.status});

/**
 * The customers list's state: filter, the visible window of rows, the selection and its
 * position. Pages are read in the key press that needs them (one index walk each, so a
 * key costs the same at a million customers); counts, which walk much more, are read
 * after the keys stop (useDeferred). Reloads when the data or the number of rows changes.
 */
export function useCustomerList(rows: number): CustomerList {
	const {db, report, deferMs} = useDesk();
	const dataVersion = useDataVersion();
	const [filter, setFilter] = useState<CustomerFilter>({search: '', status: 'all'});
	const state = useRef<CustomerWindow | undefined>(undefined);
	const [, redraw] = useReducer((count: number) => count + 1, 0);
	const pager = useCallback((next: CustomerFilter = filter) => new CustomerPager(db, next, Math.max(1, rows)), [db, filter, rows]);
	state.current ??= pager().top();

	const load = useCallback((read: () => CustomerWindow) => {
		try {
			state.current = read();
			redraw();
		} catch (error) {
			report(error);
		}
	}, [report]);

	// Reloads in the same commit as the change, so a key that follows works on the new rows.
	const currentPager = useRef(pager);
	currentPager.current = pager;
	const seen = useRef({dataVersion, rows});
	useLayoutEffect(() => {
		if (seen.current.dataVersion === dataVersion && seen.current.rows === rows) return;
		seen.current = {dataVersion, rows};
		load(() => currentPager.current().reload(state.current!));
	}, [dataVersion, rows, load]);

	const move = (step: (pager: CustomerPager, window: CustomerWindow) => CustomerWindow) => load(() => step(pager(), state.current!));
	const refilter = (next: CustomerFilter, keep?: Customer) => {
		setFilter(next);
		load(() => (keep ? pager(next).reveal(keep) : pager(next).top()));
	};

	const window = state.current;
	const filterKey = `${filter.status}\u0000${filter.search}`;
	const total = useDeferred(() => countCustomersInSteps(db, countQuery(filter)), `${filterKey}\u0000${dataVersion}`, deferMs, report);
	const first = window.customers[0];
	const uncounted = window.offset === undefined && first ? first : undefined;
	const before = useDeferred(function* () {
		return uncounted ? yield* customersBeforeInSteps(db, countQuery(filter), uncounted) : undefined;
	}, `${filterKey}\u0000${uncounted?.id ?? ''}\u0000${dataVersion}`, deferMs, report);
	if (uncounted && before.value && !before.value.more && before.key === `${filterKey}\u0000${uncounted.id}\u0000${dataVersion}`) {
		// Counted after a jump: moves from here on are counted as they happen.
		state.current = {...window, offset: before.value.count};
	}
	const offset = state.current.offset;
	const selectedCustomer = window.customers[window.selected];
	return {
		window: state.current,
		filter,
		selectedCustomer,
		total: total.key?.startsWith(`${filterKey}\u0000`) ? total.value : undefined,
		position: offset === undefined || !selectedCustomer ? undefined : offset + window.selected + 1,
		setSearch: search => refilter({...filter, search}),
		clearSearch: () => refilter({...filter, search: ''}, selectedCustomer),
		cycleStatus: () => refilter({...filter, status: nextStatus(filter.status)}),
		down: () => move((p, w) => p.down(w)),
		up: () => move((p, w) => p.up(w)),
		pageDown: () => move((p, w) => p.pageDown(w)),
		pageUp: () => move((p, w) => p.pageUp(w)),
		top: () => move(p => p.top()),
		bottom: () => move(p => p.bottom()),
		reveal: customer => move(p => p.reveal(customer)),
	};
}

function nextStatus(status: StatusFilter): StatusFilter {
	return statusFilters[(statusFilters.indexOf(status) + 1) % statusFilters.length]!;
}
