import type {CustomerStatus} from '../customers/customer-fields.js';
import {rule, type ColumnRule} from './column-rules.js';

/**
 * The column dictionaries of other systems' exports, by their published column names: the
 * labels their export screens write and, for Salesforce and Odoo, the API field names their
 * data exports write ("FirstName", "MailingCity", "country_id"). Header keys ignore case and
 * punctuation (column-rules.ts), so "First Name" also stands for "FirstName" and "first_name".
 */
export type ExportProfile = {
	id: string;
	label: string;
	rules: readonly ColumnRule[];
	/** What the system's status values mean here; `--status-map` adds to it and wins. */
	statuses?: Readonly<Record<string, CustomerStatus>>;
	/** Lists in one cell (tags, several emails) are split on `;`, `,` and Google's ` ::: `. */
	splitLists: boolean;
	/** Notes are HTML (Odoo's rich text field): kept as their text, paragraphs as lines. */
	htmlNotes?: boolean;
};

/** HubSpot's lifecycle stages (Settings › Properties › Lifecycle Stage), by label and by internal value. */
const hubspotStages: Record<string, CustomerStatus> = {
	subscriber: 'lead', lead: 'lead', 'marketing qualified lead': 'lead', marketingqualifiedlead: 'lead',
	'sales qualified lead': 'lead', salesqualifiedlead: 'lead', opportunity: 'lead',
	customer: 'active', evangelist: 'active', other: 'inactive',
};

/** Salesforce's default lead statuses (Classic and Lightning picklists). */
const salesforceLeadStatuses: Record<string, CustomerStatus> = {
	'open - not contacted': 'lead', 'working - contacted': 'lead', 'closed - converted': 'active', 'closed - not converted': 'inactive',
	new: 'lead', open: 'lead', working: 'lead', contacted: 'lead', nurturing: 'lead', qualified: 'lead',
	unqualified: 'inactive', converted: 'active',
};

export const hubspotContacts: ExportProfile = {
	id: 'hubspot',
	label: 'HubSpot contacts export',
	splitLists: true,
	statuses: hubspotStages,
	rules: [
		rule('name', ['First Name', 'Last Name']),
		rule('company', 'Company Name', 'Associated Company'),
		rule('email', 'Email'),
		rule('phone', 'Phone Number', 'Mobile Phone Number'),
		rule('address', [['Street Address'], ['Postal Code', 'State/Region']]),
		rule('city', 'City'),
		rule('country', 'Country/Region'),
		rule('status', 'Lifecycle Stage'),
	],
};

export const salesforceContacts: ExportProfile = {
	id: 'salesforce-contacts',
	label: 'Salesforce contacts export',
	splitLists: true,
	rules: [
		rule('name', ['First Name', 'Last Name'], 'Full Name'),
		rule('company', 'Account Name', 'Account.Name'),
		rule('email', 'Email'),
		rule('phone', 'Phone', 'Mobile', 'MobilePhone'),
		rule('address', [['Mailing Street'], ['Mailing Zip/Postal Code', 'Mailing State/Province']], [['MailingStreet'], ['MailingPostalCode', 'MailingState']]),
		rule('city', 'Mailing City'),
		rule('country', 'Mailing Country'),
		rule('notes', 'Description'),
	],
};

export const salesforceLeads: ExportProfile = {
	id: 'salesforce-leads',
	label: 'Salesforce leads export',
	splitLists: true,
	statuses: salesforceLeadStatuses,
	rules: [
		rule('name', ['First Name', 'Last Name'], 'Full Name'),
		rule('company', 'Company', 'Company / Account'),
		rule('email', 'Email'),
		rule('phone', 'Phone', 'Mobile', 'MobilePhone'),
		rule('address', [['Street'], ['Zip/Postal Code', 'State/Province']], [['Street'], ['PostalCode', 'State']]),
		rule('city', 'City'),
		rule('country', 'Country'),
		rule('status', 'Lead Status', 'Status'),
		rule('notes', 'Description'),
	],
};

/** Odoo's Contacts app (res.partner), by field label and, for "import-compatible" exports, by field name. */
export const odooContacts: ExportProfile = {
	id: 'odoo',
	label: 'Odoo contacts export',
	splitLists: true,
	htmlNotes: true,
	rules: [
		rule('name', 'Name', 'Display Name', 'display_name'),
		rule('company', 'Related Company', 'parent_id', 'Company Name', 'company_name'),
		rule('email', 'Email'),
		rule('phone', 'Phone', 'Mobile'),
		rule('address', [['Street'], ['Street2'], ['Zip', 'State']], [['street'], ['street2'], ['zip', 'state_id']]),
		rule('city', 'City'),
		rule('country', 'Country', 'country_id'),
		rule('tags', 'Tags', 'category_id'),
		rule('notes', 'Notes', 'comment'),
	],
};

export const crmExports: readonly ExportProfile[] = [hubspotContacts, salesforceContacts, salesforceLeads, odooContacts];
