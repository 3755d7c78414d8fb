import {memo, useMemo} from 'react';
import {Box, Text} from 'ink';
import type {Customer} from '../customers/customer-fields.js';
import {layerPriority} from '../keys/bindings.js';
import {useKeyLayer} from '../keys/use-key-layer.js';
import {useDesk} from '../components/desk-context.js';
import {TextField} from '../components/text-field.js';
import {fitText, textWidth} from '../components/fit-text.js';
import {visible} from '../text/visible.js';
import type {CustomerList} from '../hooks/use-customer-list.js';
import type {Count} from '../customers/customer-count.js';
import {UserError} from '../store/errors.js';
import {customerListKeys, customerSearchKeys} from './customers-keys.js';
import {customerColumns, formatColumnTitles, formatCustomerRow, rowIndent} from './customers-row-format.js';

/** Rows above the list: the title (or search field, or a question) and the column titles. */
export const listChromeRows = 2;

export type CustomerListActions = {
	segments: () => void;
	saveSegment: () => void;
	open: (customer: Customer) => void;
	edit: (customer: Customer) => void;
	create: () => void;
	remove: (customer: Customer) => void;
	restore: (customer: Customer) => void;
	logInteraction: (customer: Customer) => void;
	history: (customer: Customer) => void;
	robot: (customer: Customer) => void;
	duplicates: () => void;
};

type Props = {
	list: CustomerList;
	actions: CustomerListActions;
	width: number;
	height: number;
	searching: boolean;
	setSearching: (searching: boolean) => void;
	/** Replaces the title line, e.g. a delete confirmation. */
	prompt?: React.ReactNode;
};

/**
 * One memoized row: redrawn only when its text or its selection changes. Only the selected
 * row keeps its trailing spaces (its inverse bar spans the list): Ink's cost is per cell.
 */
const CustomerRowLine = memo(function CustomerRowLine({line, selected}: {line: string; selected: boolean}) {
	return (
		<Text inverse={selected} bold={selected} wrap="truncate">
			{selected ? `› ${line}` : `  ${line.trimEnd()}`}
		</Text>
	);
});

export function CustomerListView({list, actions, width, height, searching, setSearching, prompt}: Props) {
	const {color} = useDesk();
	const {window, filter} = list;
	const selected = list.selectedCustomer;
	const columns = useMemo(() => customerColumns(width), [width]);
	// Formatting is the costly part of a row: keep each customer's line until it changes.
	// eslint-disable-next-line react-hooks/exhaustive-deps -- a new width starts a fresh cache of drawn rows
	const lines = useMemo(() => new Map<string, string>(), [columns]);
	const lineOf = (customer: Customer) => {
		const key = `${customer.id}:${customer.version}:${customer.deleted_at ?? ''}`;
		let line = lines.get(key);
		if (line === undefined) {
			if (lines.size > 2000) lines.clear();
			line = formatCustomerRow(customer, columns);
			lines.set(key, line);
		}
		return line;
	};
	const whenSelected = <T,>(action: (customer: Customer) => T) => (selected ? () => action(selected) : undefined);

	useKeyLayer('Customers', customerListKeys, {
		open: whenSelected(actions.open),
		search: () => setSearching(true),
		status: list.cycleStatus,
		edit: selected && !selected.deleted_at ? () => actions.edit(selected) : undefined,
		new: actions.create,
		delete: selected && !selected.deleted_at ? () => actions.remove(selected) : undefined,
		restore: selected?.deleted_at ? () => actions.restore(selected) : undefined,
		interaction: selected && !selected.deleted_at ? () => actions.logInteraction(selected) : undefined,
		history: whenSelected(actions.history),
		robot: selected && !selected.deleted_at ? () => actions.robot(selected) : undefined,
		segments: actions.segments,
		saveSegment: () => {
			if (filter.status === 'deleted') throw new UserError('Not saved: a segment holds live customers, so the deleted filter cannot be one (s picks another status)');
			actions.saveSegment();
		},
		duplicates: actions.duplicates,
		clear: filter.search ? list.clearSearch : undefined,
		down: list.down,
		up: list.up,
		pageDown: list.pageDown,
		pageUp: list.pageUp,
		top: list.top,
		bottom: list.bottom,
	}, {priority: layerPriority.screen});

	const rows = Math.max(0, height - listChromeRows);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Box height={1} width={width}>
				{prompt ?? (searching ? (
					<SearchField list={list} width={width} color={color} onDone={() => setSearching(false)} />
				) : (
					<Text bold wrap="truncate">
						Customers <Text bold={false}>{describeCount(list)}</Text>{filter.segment ? <Text bold={false}>{visible(` · segment ${filter.segment.name}: ${filter.segment.described}`)}<Text dimColor> (s or / leave it)</Text></Text> : <Text bold={false} dimColor> {describeFilter(filter.search, filter.status)}</Text>}
					</Text>
				))}
			</Box>
			<Text bold underline wrap="truncate">{' '.repeat(rowIndent)}{formatColumnTitles(columns)}</Text>
			{window.customers.length === 0 ? (
				// Until the first page is read there is nothing to say: not "no customers".
				list.loaded ? <Text dimColor>{filter.search || filter.status !== 'all' || filter.segment ? '  No customers match.' : '  No customers yet: n adds one.'}</Text> : null
			) : (
				window.customers.slice(0, rows).map((customer, index) => (
					// Keyed by position: paging then updates the rows' text instead of replacing every row.
					<CustomerRowLine key={index} line={lineOf(customer)} selected={index === window.selected} />
				))
			)}
		</Box>
	);
}

const number = (value: number) => value.toLocaleString('en');

const counted = (count: Count) => `${number(count.count)}${count.more ? '+' : ''}`;

/**
 * "12 of 1,003,442", or with a search "matches 37 · 12 of 37"; `…` until counted. A search
 * counts 1,000 matches at most: past them "matches 1,000+ · 1,000+ of 1,000+", and at its
 * end (G) "last of 1,000+".
 */
export function describeCount(list: Pick<CustomerList, 'filter' | 'total' | 'position' | 'window'>): string {
	const {total, position, filter, window} = list;
	const of = total ? counted(total) : '…';
	if (window.customers.length === 0) return filter.search ? 'matches 0' : '';
	const last = window.selected === window.customers.length - 1 && !window.moreAfter;
	const at = position === undefined ? '…' : position.more && last ? 'last' : counted(position);
	const where = `${at} of ${of}`;
	return filter.search ? `· matches ${of} · ${where}` : `· ${where}`;
}

function describeFilter(search: string, status: string): string {
	const parts = [`status: ${status}`];
	if (search) parts.push(`search: "${visible(search)}" (Esc clears)`);
	return `· ${parts.join(' · ')}`;
}

function SearchField({list, width, color, onDone}: {list: CustomerList; width: number; color: boolean; onDone: () => void}) {
	useKeyLayer('Search', customerSearchKeys, {
		keep: onDone,
		clear: () => {
			list.clearSearch();
			onDone();
		},
		down: list.down,
		up: list.up,
		pageDown: list.pageDown,
		pageUp: list.pageUp,
	}, {priority: layerPriority.dialog, exclusive: true});
	const count = list.filter.search ? describeCount(list).replace(/^· /, '') : '';
	const fieldWidth = Math.max(20, width - textWidth(count) - 2);
	return (
		<Box width={width}>
			<TextField label="/ search" labelWidth={10} width={fieldWidth} valueWidth={fieldWidth - 10} value={list.filter.search} onChange={list.setSearch} focus color={color} priority={layerPriority.dialog} placeholder={fitText('name, company, email or phone', 30).trimEnd()} />
			<Text dimColor wrap="truncate">{count ? ` ${count}` : ''}</Text>
		</Box>
	);
}
