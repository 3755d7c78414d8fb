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

async function imported(session: Awaited<ReturnType<typeof desk>>) {
	const listed = JSON.parse((await session.run('customers', 'list', '--limit', '0', '--json')).stdout) as Listed[];
	return listed.sort((a, b) => a.id - b.id).map(({name, company, email, phone, address, city, country, status, tags, notes}) => ({name, company, email, phone, address, city, country, status, tags, notes}));
}

const blank = {company: '', email: '', phone: '', address: '', city: '', country: '', status: 'lead', tags: [], notes: ''};

describe.each(engines)('importing vCards on %s', engine => {
	it('reads Google Contacts cards (3.0): escaped commas and line breaks, categories, a photo ignored, an organisation without a name', async () => {
		const session = await desk(engine);
		const result = await session.run('import', 'customers', path.join(fixtures, 'google.vcf'));
		expect(result.stderr).toMatch(/^imported 3 customers, rejected 0 rows/);
		expect(result.code).toBe(0);
		expect(await imported(session)).toEqual([
			{...blank, name: 'Zoë Martin', company: 'Lumière SA', email: 'zoe.martin@lumiere.example', phone: '+33 6 11 22 33 44', address: '3 place Bellecour\n69002', city: 'Lyon', country: 'France', tags: ['Suppliers', 'starred'],
				notes: 'Met at the Lyon fair, booth 12\nCall before noon\nEmail (home): zoe@perso.example\nPhone (work): +33 4 72 00 00 00'},
			{...blank, name: 'Wei Chen', email: 'wei.chen@orion.example', phone: '+86 138 0013 8000', city: '上海', country: 'China'},
			{...blank, name: 'Hooli Trading', company: 'Hooli Trading', email: 'orders@hooli.example', phone: '+1 650-555-0100'},
		]);
	});

	it('reads Apple Contacts cards (3.0): preferred email, phone and address first, grouped items, folded notes and photos', async () => {
		const session = await desk(engine);
		const result = await session.run('import', 'customers', path.join(fixtures, 'apple.vcf'));
		expect(result.code).toBe(0);
		expect(await imported(session)).toEqual([
			{...blank, name: 'Jörg Müller', company: 'Müller Maschinenbau GmbH', email: 'j.mueller@mueller-maschinenbau.de', phone: '+49 170 1234567',
				address: 'Leopoldstraße 118\nHinterhaus\n80802 Bayern', city: 'München', country: 'Deutschland', tags: ['b2b', 'wholesale'],
				notes: 'Invoices in German, please. Long note that goes on and on so that Apple folds it across more than one line of the file.\nEmail (home): joerg@home.example\nPhone (work): +49 89 2180 4411\nAddress (home): Seestraße 1, Starnberg, 82319, Deutschland'},
			{...blank, name: '田中 ゆき', company: 'Sakura KK', phone: '090-1234-5678', city: 'Osaka', country: 'Japan'},
		]);
	});

	it('reads Outlook cards (2.1): bare parameters, quoted-printable with soft breaks, Windows-1252 and UTF-8 charsets', async () => {
		const session = await desk(engine);
		const result = await session.run('import', 'customers', path.join(fixtures, 'outlook.vcf'));
		expect(result.code).toBe(0);
		expect(await imported(session)).toEqual([
			{...blank, name: 'Mia Wagner', company: 'Wagner & Söhne KG', email: 'mia.wagner@example.at', phone: '+43 1 234 5678', address: 'Hauptstraße 3\n1010', city: 'Wien', country: 'Österreich',
				notes: 'Bevorzugt Anrufe am Vormittag.\nZweite Zeile mit Umlauten: äöü und ein langerText.\nPhone (cell): +43 660 1234567'},
			{...blank, name: 'Sofía García', email: 'sofia.garcia@distsol.es', phone: '91 123 45 67', address: 'Calle Mayor 1\nPiso 2\n28013', city: 'Madrid', country: 'España', tags: ['Kunden', 'VIP']},
		]);
	});

	it('reads 4.0 cards and reports each broken card at its BEGIN line, keeping the good ones', async () => {
		const session = await desk(engine);
		const file = path.join(session.folder, 'cards.vcf');
		fs.copyFileSync(path.join(fixtures, 'version4-and-broken.vcf'), file);
		const result = await session.run('import', 'customers', 'cards.vcf', '--rejects', 'rejects.csv');
		expect(result.code).toBe(2);
		expect(result.stderr.split('\n').slice(0, 3)).toEqual([
			'cards.vcf:14: vCard version "5.0" is not 2.1, 3.0 or 4.0',
			'cards.vcf:18: line 20 is not a vCard property (NAME:value)',
			'cards.vcf:23: the card never ends (the file ends before END:VCARD)',
		]);
		expect(await imported(session)).toEqual([
			{...blank, name: 'Søren Jensen', company: 'Østfold Trading AB', email: 'soren@ostfold.example', phone: '+46-70-123-45-67', address: 'Kungsgatan 5\n411 19', city: 'Göteborg', country: 'Sweden', tags: ['Suppliers', 'Nordics, East'],
				notes: 'Semicolons; commas, backslash \\ kept\nEmail (home): soren.j@home.example\nPhone (work): +46-31-123456 x89'},
		]);
		const rejects = fs.readFileSync(path.join(session.folder, 'rejects.csv'), 'utf8');
		expect(rejects.split('\n')[0]).toBe('id,name,company,email,phone,address,city,country,status,tags,notes,created_at,updated_at,version,error');
		expect(rejects).toContain('FN:From the future');
	});

	it('refuses --map for a vCard file', async () => {
		const session = await desk(engine);
		const result = await session.run('import', 'customers', path.join(fixtures, 'apple.vcf'), '--map', 'FN=name');
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('is a vCard file');
	});
});
