import type {ComponentType} from 'react';
import type {KeyTable} from './keys/bindings.js';
import type {ScreenProps} from './components/screen-props.js';
import {CustomersScreen} from './screens/customers.js';
import {customerListKeys} from './screens/customers-keys.js';
import {ReportsScreen} from './screens/reports.js';
import {reportsKeys} from './screens/reports-keys.js';
import {RobotsScreen} from './screens/robots.js';
import {robotQueueKeys} from './screens/robots-keys.js';

/**
 * A tab of the desk. To plug in a screen, replace its placeholder below with one entry:
 * `{key: '2', title: 'Robots', component: RobotsScreen, bindings: robotListKeys}`.
 * The component gets ScreenProps (its width and height, and whether it is on screen) and
 * registers its keys with `useKeyLayer` (see source/keys/README.md); `bindings` is its base
 * key table, checked by a test against the desk's own keys so nothing is bound twice.
 */
export type DeskTab = {
	/** The key that shows it: '1', '2', '3'. */
	key: string;
	title: string;
	component: ComponentType<ScreenProps>;
	bindings?: KeyTable;
};

export const deskTabs: readonly DeskTab[] = [
	{key: '1', title: 'Customers', component: CustomersScreen, bindings: customerListKeys},
	{key: '2', title: 'Robots', component: RobotsScreen, bindings: robotQueueKeys},
	{key: '3', title: 'Reports', component: ReportsScreen, bindings: reportsKeys},
];
