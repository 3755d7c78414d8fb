import {useCallback, useEffect, useMemo, useReducer, useRef, useState} from 'react';
import type {Customer} from '../customers/customer-fields.js';
import {useDataVersion, useDesk} from '../components/desk-context.js';
import {CustomerPager, statusFilters, type CustomerFilter, type CustomerWindow, type StatusFilter} from './customer-window.js';
import {latestOnly} from './latest-only.js';

export type CustomerList = {
	window: CustomerWindow;
	filter: CustomerFilter;
	selectedCustomer: Customer | undefined;
	/** The list narrows as this is typed; the page is read in the same key press, so one frame shows both. */
	setSearch: (search: string) => void;
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

/**
 * The customers list's state: filter, the visible window of rows and the selection.
 * Reloads in the background when the data changes (this desk or another process) or the
 * number of visible rows changes.
 */
export function useCustomerList(rows: number): CustomerList {
	const {db, report} = useDesk();
	const dataVersion = useDataVersion();
	const [filter, setFilter] = useState<CustomerFilter>({search: '', status: 'all'});
	const state = useRef<CustomerWindow | undefined>(undefined);
	const [, redraw] = useReducer((count: number) => count + 1, 0);
	const pager = useCallback((next: CustomerFilter = filter) => new CustomerPager(db, next, Math.max(1, rows)), [db, filter, rows]);
	state.current ??= pager().top();
	const loads = useMemo(() => latestOnly<CustomerWindow>(window => {
		state.current = window;
		redraw();
	}, report), [report]);

	// The reload below must not run again when only the filter changed: refilter read that page already.
	const currentPager = useRef(pager);
	currentPager.current = pager;
	const first = useRef(true);
	useEffect(() => {
		// The first window was read while rendering; later ones follow changes.
		if (first.current) {
			first.current = false;
			return;
		}
		void loads.later(() => currentPager.current().reload(state.current!));
	}, [dataVersion, rows, loads]);
	useEffect(() => loads.cancel, [loads]);

	const move = useCallback((step: (pager: CustomerPager, window: CustomerWindow) => CustomerWindow) => {
		loads.now(() => step(pager(), state.current!));
	}, [loads, pager]);

	const refilter = useCallback((next: CustomerFilter) => {
		setFilter(next);
		loads.now(() => pager(next).top());
	}, [loads, pager]);

	const window = state.current;
	return {
		window,
		filter,
		selectedCustomer: window.customers[window.selected],
		setSearch: search => refilter({...filter, search}),
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
