import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {opsdesk as run} from '../support/cli.js';
import {tempFolder} from '../support/temp-db.js';
import {engines, tempDatabaseTarget} from '../support/engines.js';
import type {Engine} from '../../source/store/target.js';

const fixtures = path.resolve('test/fixtures/moving-in');

async function desk(engine: Engine) {
	const folder = tempFolder();
	const db = await tempDatabaseTarget(engine);
	return {folder, db, run: (...args: string[]) => run([...args, '--db', db], {cwd: folder})};
}

type Listed = {id: number; name: string; company: string; email: string; phone: string; address: string; city: string; country: string; status: string; tags: string[]; notes: string};

async function customers(session: Awaited<ReturnType<typeof desk>>): Promise<Listed[]> {
	const listed = JSON.parse((await session.run('customers', 'list', '--limit', '0', '--json')).stdout) as Listed[];
	return listed.sort((a, b) => a.id - b.id);
}

const fields = (customer: Listed) => {
	const {name, company, email, phone, address, city, country, status, tags, notes} = customer;
	return {name, company, email, phone, address, city, country, status, tags, notes};
};

const blank = {company: '', email: '', phone: '', address: '', city: '', country: '', status: 'lead', tags: [], notes: ''};

describe.each(engines)('importing the exports of other CRMs on %s', engine => {
	it('refuses a HubSpot export with columns that map to nothing, naming them all and the ways out', async () => {
		const session = await desk(engine);
		const result = await session.run('import', 'customers', path.join(fixtures, 'hubspot-contacts.csv'));
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('"Contact ID" (column 1), "Create Date" (column 10)');
		expect(result.stderr).toContain('--extra notes');
		expect(result.stderr).toContain('Nothing was imported');
		expect(await customers(session)).toEqual([]);
	});

	it('reads a HubSpot contacts export by its own column names, lifecycle stages as statuses, the rest as notes', async () => {
		const session = await desk(engine);
		const result = await session.run('import', 'customers', path.join(fixtures, 'hubspot-contacts.csv'), '--extra', 'notes');
		expect(result.stderr).toContain('columns read as a HubSpot contacts export');
		expect(result.stderr).toContain('  First Name + Last Name → name\n');
		expect(result.stderr).toContain('  Lifecycle Stage → status\n');
		expect(result.stderr).toMatch(/hubspot-contacts\.csv:6: missing name\n/);
		expect(result.code).toBe(2);
		const imported = (await customers(session)).map(fields);
		expect(imported).toEqual([
			{...blank, name: 'Jörg Müller', company: 'Müller Maschinenbau GmbH', email: 'j.mueller@mueller-maschinenbau.de', phone: '+49 89 2180 4411', city: 'München', country: 'Germany', status: 'active', notes: 'Contact ID: 1051\nCreate Date: 2023-04-12 09:31'},
			{...blank, name: 'Amélie Laurent', company: 'Boulangerie Laurent SARL', email: 'amelie@boulangerie-laurent.fr', phone: '+33 1 42 68 53 00', city: 'Paris', country: 'France', status: 'lead', notes: 'Contact ID: 1052\nCreate Date: 2023-05-02 14:05'},
			{...blank, name: 'Sofia García', email: 'sofia.garcia@distsol.es', city: 'Madrid', country: 'Spain', status: 'inactive', notes: 'Contact ID: 1053\nCreate Date: 2024-01-15 10:23'},
			{...blank, name: 'Kenji Watanabe', company: 'Watanabe Ceramics', email: 'kenji@watanabe-ceramics.jp', phone: '+81 3-1234-5678', city: 'Tokyo', country: 'Japan', status: 'active', notes: 'Contact ID: 1054\nCreate Date: 2024-02-01 08:00'},
			{...blank, name: 'Oliver Smith', company: 'Smith\'s Hardware', email: 'oliver@smithshardware.co.uk', phone: '+44 20 7946 0958', city: 'London', country: 'United Kingdom', status: 'lead', notes: 'Contact ID: 1056\nCreate Date: 2024-03-09 17:45'},
		]);
	});

	it('takes --map and --status-map over the dictionary, and --extra ignore says what it dropped', async () => {
		const session = await desk(engine);
		const result = await session.run('import', 'customers', path.join(fixtures, 'hubspot-contacts.csv'),
			'--map', 'Last Name+First Name=name', '--map', 'Contact ID=tags', '--status-map', 'opportunity=active,Marketing Qualified Lead=inactive', '--extra', 'ignore');
		expect(result.stderr).toContain('columns mapped by your --map, with the HubSpot contacts export dictionary');
		expect(result.stderr).toMatch(/dropped columns Create Date/);
		const imported = await customers(session);
		expect(imported.map(customer => [customer.name, customer.status, customer.tags, customer.notes])).toEqual([
			['Müller Jörg', 'active', ['1051'], ''],
			['Laurent Amélie', 'inactive', ['1052'], ''],
			['García Sofia', 'inactive', ['1053'], ''],
			['Watanabe Kenji', 'active', ['1054'], ''],
			['Smith Oliver', 'active', ['1056'], ''],
		]);
	});

	it('reads a Salesforce contacts report: mailing address on lines, quoted quotes, a line break inside a street', async () => {
		const session = await desk(engine);
		const result = await session.run('import', 'customers', path.join(fixtures, 'salesforce-contacts.csv'), '--extra', 'ignore');
		expect(result.code).toBe(0);
		expect(result.stderr).toContain('Salesforce contacts export');
		expect(result.stderr).toMatch(/dropped columns Contact ID, Title, Contact Owner, Created Date/);
		expect((await customers(session)).map(fields)).toEqual([
			{...blank, name: 'Rosa Rossi', company: 'Rossi Alimentari S.p.A.', email: 'rosa.rossi@rossi-alimentari.it', phone: '+39 02 1234 5678', address: 'Via Roma 12\n20121 MI', city: 'Milano', country: 'Italy', notes: 'Met at "Fancy Food" 2023, prefers email\nMobile: +39 333 1234567'},
			{...blank, name: 'Liam O\'Brien', company: 'Brien & Sons Ltd', email: 'liam@brienandsons.ie', phone: '+353 87 123 4567', address: '1 Harbour Road\nUnit 4\nD02 X285', city: 'Dublin', country: 'Ireland'},
			{...blank, name: 'Priya Nair', company: 'Kappa Logistics', email: 'priya.nair@kappa.example', phone: '080 4123 4567', address: 'KA', city: 'Bengaluru', country: 'India'},
		]);
	});

	it('reads a Salesforce leads data export by API names, lead statuses as statuses', async () => {
		const session = await desk(engine);
		const result = await session.run('import', 'customers', path.join(fixtures, 'salesforce-leads.csv'), '--extra', 'ignore');
		expect(result.code).toBe(0);
		expect(result.stderr).toContain('Salesforce leads export');
		const imported = (await customers(session)).map(fields);
		expect(imported[0]).toEqual({...blank, name: 'Tomáš Novák', company: 'Novák Stavby s.r.o.', email: 'tomas@novak-stavby.cz', phone: '+420 221 234 567', address: 'Náměstí Míru 5\n120 00', city: 'Praha', country: 'Czech Republic', status: 'lead'});
		expect(imported[1]).toEqual({...blank, name: 'Søren Jensen', company: 'Østfold Trading AB', email: 'soren@ostfold.example', phone: '+46 70 123 45 67', city: 'Göteborg', country: 'Sweden', status: 'lead', notes: 'Asked for a quote\nfor 200 units'});
		expect(imported.map(customer => customer.status)).toEqual(['lead', 'lead', 'active', 'inactive', 'lead']);
	});

	it('reads an Odoo contacts export: related company, street lines, comma-separated tags, HTML notes as text', async () => {
		const session = await desk(engine);
		const result = await session.run('import', 'customers', path.join(fixtures, 'odoo-contacts.csv'));
		expect(result.code).toBe(0);
		expect(result.stderr).toContain('Odoo contacts export');
		expect((await customers(session)).map(fields)).toEqual([
			{...blank, name: 'Karin Andersson', company: 'Blauberg AB', email: 'karin@blauberg.se', phone: '+46 8 123 456 78', address: 'Drottninggatan 5\n3 tr\n111 51', city: 'Stockholm', country: 'Sweden', tags: ['VIP', 'Wholesale'], notes: 'Key account'},
			{...blank, name: 'Hugo Bernard', email: 'hugo.bernard@example.fr', phone: '+33 6 12 34 56 78', address: '12 rue de la Paix\n69002 Auvergne-Rhône-Alpes (FR)', city: 'Lyon', country: 'France', tags: ['Retail']},
			{...blank, name: 'Blauberg AB', email: 'info@blauberg.se', phone: '+46 8 123 456 00', address: 'Drottninggatan 5\n111 51', city: 'Stockholm', country: 'Sweden'},
		]);
	});

	it('reads Google Contacts CSV: several values in a cell, labels as tags, an organisation without a person', async () => {
		const session = await desk(engine);
		const result = await session.run('import', 'customers', path.join(fixtures, 'google-contacts.csv'), '--extra', 'ignore');
		expect(result.code).toBe(0);
		expect(result.stderr).toContain('Google Contacts CSV');
		expect((await customers(session)).map(fields)).toEqual([
			{...blank, name: 'Zoë Martin', company: 'Lumière SA', email: 'zoe.martin@lumiere.example', phone: '+33 6 11 22 33 44', address: '3 place Bellecour\n69002', city: 'Lyon', country: 'France', tags: ['starred', 'Suppliers'],
				notes: 'Met at the Lyon fair\nE-mail 2 - Value: zoe.m@home.example\nPhone 2 - Value: +33 4 72 00 00 00\nE-mail 1 - Value: zoe@perso.example'},
			{...blank, name: 'Wei Chen', email: 'wei.chen@orion.example', phone: '+86 138 0013 8000', city: '上海', country: 'China'},
			{...blank, name: 'Hooli Trading', company: 'Hooli Trading', email: 'orders@hooli.example', phone: '+1 650-555-0100 x12', tags: ['Customers']},
		]);
	});

	it('reads Outlook CSV: business address first, other emails and phones kept in notes, categories as tags', async () => {
		const session = await desk(engine);
		const result = await session.run('import', 'customers', path.join(fixtures, 'outlook-contacts.csv'), '--extra', 'ignore');
		expect(result.code).toBe(0);
		expect(result.stderr).toContain('Outlook contacts CSV');
		expect((await customers(session)).map(fields)).toEqual([
			{...blank, name: 'Björn Lindqvist', company: 'Nordwind AB', email: 'bjorn.lindqvist@nordwind.example', phone: '+46 70 765 43 21', address: 'Kungsgatan 12\nPlan 4\n411 19', city: 'Göteborg', country: 'Sweden', tags: ['Suppliers', 'VIP'],
				notes: 'Prefers calls\nafter 10:00\nE-mail 2 Address: bjorn@home.example\nBusiness Phone: +46 31 123 45 67'},
			{...blank, name: 'Mia Wagner', email: 'mia.wagner@example.at', phone: '01 234 5678', address: 'Hauptstraße 3\n1010', city: 'Wien', country: 'Austria'},
		]);
	});

	it('shows the mapping and the first rows on --dry-run, and writes nothing', async () => {
		const session = await desk(engine);
		const result = await session.run('import', 'customers', path.join(fixtures, 'odoo-contacts.csv'), '--dry-run');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('first rows as they would be imported:\n  line 2: name="Karin Andersson" company="Blauberg AB"');
		expect(result.stderr).toMatch(/dry run: would import 3 customers.*nothing was written/);
		expect(await customers(session)).toEqual([]);
	});

	it('refuses a --map naming a column the file lacks, or a field that does not exist, before reading rows', async () => {
		const session = await desk(engine);
		const file = path.join(session.folder, 'people.csv');
		fs.writeFileSync(file, 'Who,Where\nAda,London\n');
		const missing = await session.run('import', 'customers', file, '--map', 'Full Name=name');
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('people.csv:1: --map "Full Name" for name: the file has no column "Full Name"; its columns: "Who", "Where"');
		const badField = await session.run('import', 'customers', file, '--map', 'Who=nom');
		expect(badField.code).toBe(1);
		expect(badField.stderr).toContain('"nom" is not a customer field');
		const ok = await session.run('import', 'customers', file, '--map', 'Who=name,Where=city');
		expect(ok.code).toBe(0);
		expect((await customers(session)).map(fields)).toEqual([{...blank, name: 'Ada', city: 'London'}]);
	});
});
