import {useMemo} from 'react';
import type {Customer} from '../customers/customer-fields.js';
import {getCustomer} from '../customers/customers.js';
import {listInteractions, type Interaction} from '../customers/interactions.js';
import {customerOrdersSummary, type CustomerOrdersSummary} from '../orders/order-summary.js';
import {useDataVersion, useDesk} from '../components/desk-context.js';

/** Orders and interactions the detail view reads at most; beyond them it says how to see all. */
export const detailOrdersRead = 200;
export const detailInteractionsRead = 500;

export type CustomerDetailData = {
	customer: Customer | undefined;
	orders: CustomerOrdersSummary;
	interactions: Interaction[];
};

/**
 * What the customer detail shows, read again whenever the data changes (this desk or
 * another process). The screen's one place of reads: a later async engine swaps this hook.
 */
export function useCustomerDetail(id: number): CustomerDetailData {
	const {db} = useDesk();
	const dataVersion = useDataVersion();
	return useMemo(() => ({
		customer: getCustomer(db, id),
		orders: customerOrdersSummary(db, id, detailOrdersRead),
		interactions: listInteractions(db, id, detailInteractionsRead),
		// eslint-disable-next-line react-hooks/exhaustive-deps -- dataVersion: re-read when another process changed the database
	}), [db, id, dataVersion]);
}
