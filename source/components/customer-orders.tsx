import {useMemo} from 'react';
import {Box, Text} from 'ink';
import {useDataVersion, useDesk} from './desk-context.js';
import {customerOrdersSummary} from '../orders/order-summary.js';
import {formatMoney} from '../orders/order-fields.js';
import {fitText} from './fit-text.js';

type Props = {
	customerId: number;
	width: number;
	/** Rows it may draw: the summary line, the newest orders, and a line saying how many more. */
	height: number;
};

/**
 * For the customer detail: lifetime revenue (won + paid, per currency) and the newest
 * orders as plain fixed-width rows. Reads the rollups, so it costs the same at any size.
 */
export function CustomerOrders({customerId, width, height}: Props) {
	const limit = Math.max(0, height - 2);
	const {db} = useDesk();
	const dataVersion = useDataVersion();
	// eslint-disable-next-line react-hooks/exhaustive-deps -- dataVersion: re-read when another process changed the database
	const summary = useMemo(() => customerOrdersSummary(db, customerId, limit), [db, customerId, limit, dataVersion]);
	const revenue = summary.lifetimeRevenue.length > 0
		? summary.lifetimeRevenue.map(row => formatMoney(row.revenue, row.currency)).join(' · ')
		: 'none yet';
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate">
				<Text dimColor>{`${summary.orderCount} orders · lifetime revenue `}</Text>
				<Text>{revenue}</Text>
			</Text>
			{summary.orders.map(order => (
				<Text key={order.id} wrap="truncate">
					{`${fitText(order.number, 12)}  ${order.placed_at}  ${order.status.padEnd(8)}  ${formatMoney(order.amount, order.currency).padStart(16)}  `}
					<Text dimColor>{fitText(order.note.replace(/\s+/g, ' '), Math.max(0, width - 58)).trimEnd()}</Text>
				</Text>
			))}
			{summary.orderCount > summary.orders.length ? <Text dimColor>{`… ${summary.orderCount - summary.orders.length} older (opsdesk orders list --customer ${customerId})`}</Text> : null}
		</Box>
	);
}

/** The customer detail's Orders section (screens/customer-detail-sections.ts draws its heading). */
export function CustomerOrdersSection({customer, width, height}: {customer: {id: number}; width: number; height: number}) {
	return <CustomerOrders customerId={customer.id} width={width} height={height} />;
}
