import type {ComponentType} from 'react';
import type {ScreenProps} from './components/screen-props.js';
import {CustomersScreen} from './screens/customers.js';
import {reportsTab, robotsTab} from './screens/lazy-screens.js';

/**
 * A tab of the desk. To plug in a screen, add one entry:
 * `{key: '4', title: 'Mail', component: MailScreen}`. The component gets ScreenProps (its
 * width and height, and whether it is on screen) and registers its keys with
 * `useKeyLayer` (see source/keys/README.md); add its key tables to source/key-catalog.ts so
 * README documents them (a test finds any key the desk binds that README does not list).
 */
export type DeskTab = {
	/** The key that shows it: '1', '2', '3'. */
	key: string;
	title: string;
	component: ComponentType<ScreenProps>;
};

export const deskTabs: readonly DeskTab[] = [
	{key: '1', title: 'Customers', component: CustomersScreen},
	{key: '2', title: 'Robots', component: robotsTab.View},
	{key: '3', title: 'Reports', component: reportsTab.View},
];
