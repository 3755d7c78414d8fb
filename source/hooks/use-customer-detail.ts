import type {Customer} from '../customers/customer-fields.js';
import {getCustomer} from '../customers/customers.js';
import {listInteractions, type Interaction} from '../customers/interactions.js';
import {customerOrdersSummary, type CustomerOrdersSummary} from '../orders/order-summary.js';
import {useQuery} from './use-query.js';

/** Orders and interactions the detail view reads at most; beyond them it says how to see all. */
export const detailOrdersRead = 200;
export const detailInteractionsRead = 500;

export type CustomerDetailData = {
	customer: Customer | undefined;
	orders: CustomerOrdersSummary;
	interactions: Interaction[];
};

/**
 * What the customer detail shows, in one snapshot (the customer, their orders and
 * interactions as of one moment), read again whenever the data changes. Undefined until
 * the first read, and while another customer's is read.
 */
export function useCustomerDetail(id: number): CustomerDetailData | undefined {
	const detail = useQuery<CustomerDetailData>(String(id), ({db}) => db.read(async snapshot => ({
		customer: await getCustomer(snapshot, id),
		orders: await customerOrdersSummary(snapshot, id, detailOrdersRead),
		interactions: await listInteractions(snapshot, id, detailInteractionsRead),
	})));
	return detail.current ? detail.value : undefined;
}
