import {exportColumns} from '../customers/customer-csv-header.js';
import {rule} from './column-rules.js';
import type {ExportProfile} from './crm-exports.js';

const numbered = (pattern: string, count: number) => Array.from({length: count}, (_, index) => pattern.replace('#', String(index + 1)));

/**
 * Google Contacts' "Google CSV": the current columns ("First Name", "Organization Name",
 * "Labels", "E-mail 1 - Value") and those of the older export ("Given Name", "Family Name",
 * "Organization 1 - Name", "Group Membership"). A cell may hold several values joined by
 * " ::: "; labels start with "* " for Google's own groups.
 */
export const googleContacts: ExportProfile = {
	id: 'google',
	label: 'Google Contacts CSV',
	splitLists: true,
	rules: [
		rule('name', ['First Name', 'Middle Name', 'Last Name'], ['Given Name', 'Additional Name', 'Family Name'],
			'Name', 'Nickname', 'File As', 'Organization Name', 'Organization 1 - Name'),
		rule('company', 'Organization Name', 'Organization 1 - Name'),
		rule('email', ...numbered('E-mail # - Value', 4)),
		rule('phone', ...numbered('Phone # - Value', 4)),
		rule('address', [['Address 1 - Street'], ['Address 1 - Extended Address'], ['Address 1 - PO Box'], ['Address 1 - Postal Code', 'Address 1 - Region']]),
		rule('city', 'Address 1 - City'),
		rule('country', 'Address 1 - Country'),
		rule('tags', 'Labels', 'Group Membership'),
		rule('notes', 'Notes'),
	],
};

/** Outlook's "Comma Separated Values" export (Outlook for Windows and Outlook.com): business details first, then home, then other. */
export const outlookContacts: ExportProfile = {
	id: 'outlook',
	label: 'Outlook contacts CSV',
	splitLists: true,
	rules: [
		rule('name', ['First Name', 'Middle Name', 'Last Name'], 'Display Name', 'Nickname', 'Company'),
		rule('company', 'Company'),
		rule('email', 'E-mail Address', 'E-mail 2 Address', 'E-mail 3 Address'),
		rule('phone', 'Mobile Phone', 'Business Phone', 'Primary Phone', 'Home Phone', 'Business Phone 2', 'Home Phone 2', 'Company Main Phone', 'Other Phone', 'Car Phone'),
		rule('address',
			[['Business Street'], ['Business Street 2'], ['Business Street 3'], ['Business Postal Code', 'Business State']],
			[['Home Street'], ['Home Street 2'], ['Home Street 3'], ['Home Postal Code', 'Home State']],
			[['Other Street'], ['Other Street 2'], ['Other Street 3'], ['Other Postal Code', 'Other State']]),
		rule('city', 'Business City', 'Home City', 'Other City'),
		rule('country', 'Business Country/Region', 'Home Country/Region', 'Other Country/Region'),
		rule('tags', 'Categories'),
		rule('notes', 'Notes'),
	],
};

/** Column names most spreadsheets and other CRMs (EspoCRM, a hand-made list) use. */
export const commonColumns: ExportProfile = {
	id: 'common',
	label: 'spreadsheet with common column names',
	splitLists: true,
	rules: [
		rule('name', 'Name', 'Full Name', 'Contact Name', 'Contact', 'Display Name', ['First Name', 'Last Name']),
		rule('company', 'Company', 'Organization', 'Organisation', 'Account', 'Account Name', 'Firm'),
		rule('email', 'Email', 'E-mail', 'Email Address', 'Mail', 'E-mail Address'),
		rule('phone', 'Phone', 'Phone Number', 'Telephone', 'Tel', 'Mobile', 'Mobile Phone', 'Cell'),
		rule('address', 'Address', 'Street', 'Address Street', 'Street Address'),
		rule('city', 'City', 'Town', 'Address City'),
		rule('country', 'Country', 'Address Country', 'Country/Region'),
		rule('status', 'Status'),
		rule('tags', 'Tags', 'Labels', 'Categories', 'Groups'),
		rule('notes', 'Notes', 'Note', 'Comments', 'Comment', 'Description'),
	],
};

/** opsdesk's own columns (`export customers`): read as they always were, without a mapping. */
export const opsdeskColumns: ExportProfile = {
	id: 'opsdesk',
	label: 'opsdesk export',
	splitLists: false,
	rules: exportColumns.map(column => rule(column, column)),
};

export const contactsExports: readonly ExportProfile[] = [googleContacts, outlookContacts];
