import type {Db} from '../store/store.js';
import type {Customer, CustomerStatus} from '../customers/customer-fields.js';
import {cursorOf, listCustomers, type ListCursor} from '../customers/customer-list.js';
import type {SegmentDefinition} from '../automation/segment-definition.js';

export const statusFilters = ['all', 'lead', 'active', 'inactive', 'deleted'] as const;
export type StatusFilter = (typeof statusFilters)[number];

/** A saved segment picked as the list's filter: the list shows exactly its customers (`segments show`). */
export type ListSegmentFilter = {name: string; definition: SegmentDefinition; /** The definition as people read it, for the header. */ described: string};

/** With a segment, the list pages through its whole definition; search and status are the segment's own then. */
export type CustomerFilter = {search: string; status: StatusFilter; segment?: ListSegmentFilter};

/**
 * The rows on screen and the selection. `start` is where the window begins (the rows
 * after it, exclusive), so a reload after a change shows the same stretch of the list.
 */
export type CustomerWindow = {
	customers: Customer[];
	selected: number;
	start: ListCursor | undefined;
	moreAfter: boolean;
	/**
	 * How many customers of the whole list come before the first row: the position the
	 * header shows. Moves are counted as they happen; undefined after a jump nobody
	 * counted (the hook counts it then, after the frame).
	 */
	offset: number | undefined;
};

export const emptyWindow: CustomerWindow = {customers: [], selected: 0, start: undefined, moreAfter: false, offset: 0};

const plus = (offset: number | undefined, by: number) => (offset === undefined ? undefined : Math.max(0, offset + by));

/**
 * Moving through the list with keyset pages of exactly the visible rows: every move is
 * one or two index lookups whatever the list's length. Functions of the database, the
 * filter and the current window, on either engine; the hook holds the state.
 */
export class CustomerPager {
	constructor(private readonly db: Db, private readonly filter: CustomerFilter, private readonly rows: number) {}

	async top(): Promise<CustomerWindow> {
		return this.from(undefined, {index: 0}, 0);
	}

	async bottom(keep?: {id?: number}): Promise<CustomerWindow> {
		const end = (await this.page({direction: 'backward', limit: this.rows})).customers;
		if (end.length === 0) return emptyWindow;
		return this.from(startAt(end[0]!), {id: keep?.id, index: end.length - 1}, undefined);
	}

	async down(window: CustomerWindow): Promise<CustomerWindow> {
		if (window.selected < window.customers.length - 1) return {...window, selected: window.selected + 1};
		if (!window.moreAfter || window.customers.length === 0) return window;
		return this.from(cursorOf(window.customers[0]!), {index: window.selected}, plus(window.offset, 1));
	}

	async up(window: CustomerWindow): Promise<CustomerWindow> {
		if (window.selected > 0) return {...window, selected: window.selected - 1};
		const first = window.customers[0];
		if (!first) return window;
		const previous = (await this.page({cursor: cursorOf(first), direction: 'backward', limit: 1})).customers[0];
		return previous ? this.from(startAt(previous), {index: 0}, plus(window.offset, -1)) : window;
	}

	async pageDown(window: CustomerWindow): Promise<CustomerWindow> {
		const last = window.customers.at(-1);
		if (!last || !window.moreAfter) return {...window, selected: Math.max(0, window.customers.length - 1)};
		const next = await this.from(cursorOf(last), {index: window.selected}, plus(window.offset, window.customers.length));
		// Near the end, show the last full page rather than a short one (its offset: this one's, less the rows it moves back).
		if (next.customers.length >= this.rows) return next;
		const end = await this.bottom();
		return {...end, selected: window.selected, offset: plus(next.offset, next.customers.length - end.customers.length)};
	}

	async pageUp(window: CustomerWindow): Promise<CustomerWindow> {
		const first = window.customers[0];
		if (!first) return window;
		const before = (await this.page({cursor: cursorOf(first), direction: 'backward', limit: this.rows})).customers;
		if (before.length === 0) return {...window, selected: 0};
		if (before.length < this.rows) return this.from(undefined, {index: window.selected}, 0);
		return this.from(startAt(before[0]!), {index: window.selected}, plus(window.offset, -before.length));
	}

	/** A window with this customer selected in its middle (after creating or restoring one, or clearing a search). */
	async reveal(customer: Customer): Promise<CustomerWindow> {
		const before = (await this.page({cursor: cursorOf(customer), direction: 'backward', limit: Math.floor((this.rows - 1) / 2)})).customers;
		const start = before[0] ? startAt(before[0]) : undefined;
		const window = await this.from(start, {id: customer.id, index: before.length}, start ? undefined : 0);
		return window.customers.length < this.rows && start ? this.bottom({id: customer.id}) : window;
	}

	/** The same stretch of the list after data changed or the window was resized. */
	async reload(window: CustomerWindow): Promise<CustomerWindow> {
		const selectedId = window.customers[window.selected]?.id;
		// Rows may have come or gone before the window: its position is counted again.
		const next = await this.from(window.start, {id: selectedId, index: window.selected}, window.start ? undefined : 0);
		if (window.start && next.customers.length < this.rows) return this.bottom({id: selectedId});
		return next;
	}

	private async from(start: ListCursor | undefined, keep: {id?: number; index: number}, offset: number | undefined): Promise<CustomerWindow> {
		const {customers, hasMore} = await this.page({cursor: start, limit: this.rows});
		const byId = keep.id === undefined ? -1 : customers.findIndex(customer => customer.id === keep.id);
		const selected = byId >= 0 ? byId : Math.max(0, Math.min(keep.index, customers.length - 1));
		return {customers, selected, start, moreAfter: hasMore, offset};
	}

	private async page(query: {cursor?: ListCursor; direction?: 'forward' | 'backward'; limit: number}) {
		// Loaded with the first segment picked, not before the desk's first frame.
		if (this.filter.segment) return (await import('../automation/segment-query.js')).segmentPage(this.db, this.filter.segment.definition, query);
		const status: CustomerStatus | 'deleted' | undefined = this.filter.status === 'all' ? undefined : this.filter.status;
		return listCustomers(this.db, {search: this.filter.search || undefined, status, ...query});
	}
}

/** A cursor just before `customer`, so a forward page starts with it (ids are integers). */
function startAt(customer: Customer): ListCursor {
	const cursor = cursorOf(customer);
	return {nameKey: cursor.nameKey, id: cursor.id - 1};
}
