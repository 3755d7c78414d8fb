import type {ComponentType} from 'react';
import type {Customer} from '../customers/customer-fields.js';
import {CustomerOrdersSection} from '../components/customer-orders.js';

/** What a section of the customer detail view is given. */
export type CustomerSectionProps = {customer: Customer; width: number; height: number};

export type CustomerDetailSection = {
	title: string;
	/** Rows the section would like (its heading not counted); the interactions timeline takes what is left. */
	rows: number;
	component: ComponentType<CustomerSectionProps>;
};

/**
 * Extra sections of the customer detail view, drawn between the fields and the
 * interactions timeline. The orders issue adds one entry here, e.g.
 * `{title: 'Orders', rows: 6, component: CustomerOrders}` where CustomerOrders reads
 * with `useDesk().db` and reloads on `useDataVersion()`. Nothing else needs to change.
 */
export const customerDetailSections: CustomerDetailSection[] = [
	{title: 'Orders', rows: 6, component: CustomerOrdersSection},
];
