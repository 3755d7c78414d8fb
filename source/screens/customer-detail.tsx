import {memo, useState} from 'react';
import {Box, Text} from 'ink';
import type {Customer} from '../customers/customer-fields.js';
import type {Interaction} from '../customers/interactions.js';
import type {Order} from '../orders/order-fields.js';
import type {CustomerOrdersSummary} from '../orders/order-summary.js';
import {formatMoney} from '../orders/order-fields.js';
import {fitText} from '../components/fit-text.js';
import {visible} from '../text/visible.js';
import {layerPriority} from '../keys/bindings.js';
import {useKeyLayer} from '../keys/use-key-layer.js';
import {useCustomerDetail, detailInteractionsRead} from '../hooks/use-customer-detail.js';
import {customerDetailKeys} from './customers-keys.js';
import {customerFieldRows, detailLayout, formatInteraction, formatOrder, windowStart} from './customer-detail-rows.js';

export type CustomerDetailActions = {
	back: () => void;
	edit: (customer: Customer) => void;
	logInteraction: (customer: Customer) => void;
	history: (customer: Customer) => void;
	remove: (customer: Customer) => void;
	restore: (customer: Customer) => void;
	openOrder: (order: Order) => void;
	openInteraction: (interaction: Interaction) => void;
};

const labelWidth = 10;
const noOrders: CustomerOrdersSummary = {orders: [], orderCount: 0, lifetimeRevenue: []};
const noInteractions: Interaction[] = [];
const number = (value: number) => value.toLocaleString('en');

const Line = memo(function Line({text, selected}: {text: string; selected: boolean}) {
	return (
		<Text inverse={selected} bold={selected} wrap="truncate">
			{selected ? '› ' : '  '}
			{text}
		</Text>
	);
});

/**
 * One customer: every field, then their orders and interactions (newest first) filling
 * the rest of the screen. j/k move through both lists, Enter opens an order or the whole
 * interaction.
 */
export function CustomerDetail({id, known, width, height, actions, prompt}: {id: number; known?: Customer; width: number; height: number; actions: CustomerDetailActions; prompt?: React.ReactNode}) {
	const detail = useCustomerDetail(id);
	// Until the read is in, the customer as the list showed them, and no orders or interactions yet.
	const loaded = detail !== undefined;
	const customer = detail ? detail.customer : known;
	const orders = detail?.orders ?? noOrders;
	const interactions = detail?.interactions ?? noInteractions;
	const [wanted, setWanted] = useState(0);
	const live = customer && !customer.deleted_at;
	const items = orders.orders.length + interactions.length;
	const selected = items === 0 ? undefined : Math.min(wanted, items - 1);
	const fields = customer ? customerFieldRows(customer) : [];
	// Title, fields, a blank line and the two headings; the rest is for the lists.
	const {orderRows, interactionRows} = detailLayout(height - 1 - fields.length - 3, orders.orders.length, interactions.length);
	const page = Math.max(1, interactionRows);
	const to = (index: number) => () => setWanted(Math.max(0, Math.min(items - 1, index)));
	const position = selected ?? 0;
	const selectedOrder = selected !== undefined && selected < orders.orders.length ? orders.orders[selected] : undefined;
	const selectedInteraction = selected !== undefined && selected >= orders.orders.length ? interactions[selected - orders.orders.length] : undefined;

	useKeyLayer('Customer', customerDetailKeys, {
		back: actions.back,
		open: selectedOrder ? () => actions.openOrder(selectedOrder) : selectedInteraction ? () => actions.openInteraction(selectedInteraction) : undefined,
		edit: live ? () => actions.edit(customer) : undefined,
		interaction: live ? () => actions.logInteraction(customer) : undefined,
		history: customer ? () => actions.history(customer) : undefined,
		delete: live ? () => actions.remove(customer) : undefined,
		restore: customer?.deleted_at ? () => actions.restore(customer) : undefined,
		down: position < items - 1 ? to(position + 1) : undefined,
		up: position > 0 ? to(position - 1) : undefined,
		pageDown: position < items - 1 ? to(position + page) : undefined,
		pageUp: position > 0 ? to(position - page) : undefined,
		top: position > 0 ? to(0) : undefined,
		bottom: position < items - 1 ? to(items - 1) : undefined,
	}, {priority: layerPriority.view});

	if (!customer) {
		return loaded ? (
			<Box height={height} width={width}>
				<Text>{`No customer #${id} (Esc goes back).`}</Text>
			</Box>
		) : <Box height={height} width={width} />;
	}
	const orderSelected = selectedOrder ? selected : undefined;
	const interactionSelected = selectedInteraction ? selected! - orders.orders.length : undefined;
	const orderTop = windowStart(orders.orders.length, orderRows, orderSelected);
	const interactionTop = windowStart(interactions.length, interactionRows, interactionSelected);
	const revenue = orders.lifetimeRevenue.length > 0 ? visible(orders.lifetimeRevenue.map(row => formatMoney(row.revenue, row.currency)).join(' · ')) : 'none yet';
	const ordersShown = orders.orderCount > orders.orders.length ? ` · the newest ${number(orders.orders.length)} (all: opsdesk orders list --customer ${customer.id})` : '';
	const interactionCount = `${number(interactions.length)}${interactions.length >= detailInteractionsRead ? '+' : ''}`;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Box height={1}>{prompt ?? <Text bold wrap="truncate">{fitText(customer.name, Math.max(1, width - 10)).trimEnd()} <Text dimColor>#{customer.id}</Text></Text>}</Box>
			{fields.map(([left, right]) => {
				const half = right ? Math.floor(width / 2) : width;
				return (
					<Text key={left[0]} wrap="truncate">
						<Text dimColor>{left[0].padEnd(labelWidth)}</Text>
						{right ? `${fitText(left[1], half - labelWidth - 1)} ` : fitText(left[1], width - labelWidth).trimEnd()}
						{right ? <Text dimColor>{right[0].padEnd(labelWidth)}</Text> : null}
						{right ? fitText(right[1], width - half - labelWidth).trimEnd() : null}
					</Text>
				);
			})}
			<Text> </Text>
			<Text wrap="truncate">
				<Text bold underline>Orders</Text>
				<Text dimColor>{loaded ? ` ${number(orders.orderCount)} · lifetime revenue ${revenue}${orderSelected !== undefined ? ` · ${number(orderSelected + 1)} of ${number(orders.orderCount)}` : ''}${ordersShown}` : ' …'}</Text>
			</Text>
			<Box flexDirection="column" height={orderRows}>
				{loaded && orders.orders.length === 0 ? <Text dimColor>  No orders yet.</Text> : null}
				{orders.orders.slice(orderTop, orderTop + orderRows).map((order, index) => (
					<Line key={index} text={formatOrder(order, width - 2)} selected={orderTop + index === orderSelected} />
				))}
			</Box>
			<Text wrap="truncate">
				<Text bold underline>Interactions</Text>
				<Text dimColor>{loaded ? ` ${interactionCount}, newest first${interactionSelected !== undefined ? ` · ${number(interactionSelected + 1)} of ${interactionCount}` : ''}` : ' …'}</Text>
			</Text>
			<Box flexDirection="column" height={interactionRows}>
				{loaded && interactions.length === 0 ? <Text dimColor>{live ? '  None yet: i logs one.' : '  None.'}</Text> : null}
				{interactions.slice(interactionTop, interactionTop + interactionRows).map((interaction, index) => (
					<Line key={index} text={formatInteraction(interaction, width - 2)} selected={interactionTop + index === interactionSelected} />
				))}
			</Box>
		</Box>
	);
}
