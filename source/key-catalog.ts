import type {KeyTable} from './keys/bindings.js';
import {areaOnlyKeys, choiceKeys, lineEditingKeys} from './keys/editing-keys.js';
import {deskKeys, helpKeys} from './app.js';
import {deskTabs} from './app-tabs.js';
import {confirmKeys} from './components/confirm.js';
import {conflictKeys} from './components/conflict-notice.js';
import {customerDetailKeys, customerFormKeys, customerViewKeys, customerListKeys, customerSearchKeys, segmentPickerKeys, segmentSaveKeys} from './screens/customers-keys.js';
import {jobDetailKeys, robotAutomationKeys, robotPickerKeys, robotQueueKeys} from './screens/robots-keys.js';
import {reportsKeys} from './screens/reports-keys.js';
import {duplicatesKeys} from './screens/duplicates-keys.js';

/**
 * Every key table README documents, by the name of its block (`<!-- keys: NAME -->`).
 * test/screens/documented-keys.test.tsx checks README against it; `npm run readme-keys`
 * writes README's blocks from it.
 */
export const documentedKeys: Readonly<Record<string, KeyTable>> = {
	desk: deskKeys(deskTabs),
	help: helpKeys,
	'customers-list': customerListKeys,
	'customers-search': customerSearchKeys,
	'segment-save': segmentSaveKeys,
	'segment-picker': segmentPickerKeys,
	'customer-detail': customerDetailKeys,
	'customer-views': customerViewKeys,
	duplicates: duplicatesKeys,
	forms: customerFormKeys,
	'text-fields': lineEditingKeys,
	'text-areas': areaOnlyKeys,
	choices: choiceKeys,
	confirm: confirmKeys,
	conflict: conflictKeys,
	robots: robotQueueKeys,
	'robot-job': jobDetailKeys,
	'robot-picker': robotPickerKeys,
	'robot-automation': robotAutomationKeys,
	reports: reportsKeys,
};
