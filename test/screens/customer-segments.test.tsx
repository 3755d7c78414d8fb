import {describe, expect, it} from 'vitest';
import {findSegment, listSegments, saveSegment} from '../../source/automation/segments.js';
import {dbOf, tempDatabase} from '../support/temp-db.js';
import {addCustomers, lineWith, renderDesk, selectedRow} from './desk-harness.js';

/** The customers' names the list shows, in order (rows start with two spaces or the › mark). */
const names = (frame: string, candidates: string[]) => frame.split('\n').flatMap(line => candidates.filter(name => line.includes(name)));
const people = ['Anna Active', 'Bea Lead', 'Carl Active', 'Dora Lead'];

async function fourCustomers(db: Parameters<typeof addCustomers>[0]) {
	await addCustomers(db, [
		{name: 'Anna Active', status: 'active', city: 'Wien'},
		{name: 'Bea Lead', status: 'lead', city: 'Wien'},
		{name: 'Carl Active', status: 'active', city: 'Graz'},
		{name: 'Dora Lead', status: 'lead', city: 'Graz'},
	]);
}

describe('segments on the Customers tab', () => {
	it('S saves the search and status filter as a segment under the name typed', async () => {
		const {db, file} = tempDatabase();
		await fourCustomers(db);
		const screen = await renderDesk(db, file, {columns: 140, rows: 24});
		await screen.press('s');
		await screen.waitFor('status: lead');
		await screen.press('/');
		await screen.type('lead');
		await screen.press('enter');
		await screen.press('S');
		let frame = await screen.waitFor('Save as segment');
		expect(frame).toContain('saves search "lead", status lead');
		await screen.type('Hot leads');
		await screen.press('enter');
		frame = await screen.waitFor('Saved segment Hot leads');
		expect(frame).toContain('Saved segment Hot leads (search "lead", status lead)');
		expect(frame).not.toContain('Save as segment');
		const saved = await findSegment(dbOf(db), 'hot leads');
		expect(saved?.name).toBe('Hot leads');
		expect(saved?.definition).toEqual({search: 'lead', status: 'lead'});
	});

	it('refuses a name already taken or not a name, beside the field, and saves nothing; Esc closes the form', async () => {
		const {db, file} = tempDatabase();
		await fourCustomers(db);
		await saveSegment(dbOf(db), 'vienna', {city: 'Wien'});
		const screen = await renderDesk(db, file, {columns: 160, rows: 24});
		await screen.press('s', 's');
		await screen.waitFor('status: active');
		await screen.press('S');
		await screen.waitFor('saves status active');
		await screen.type('Vienna');
		await screen.press('enter');
		let frame = await screen.waitFor('Not saved');
		expect(frame).toContain('a segment named "vienna" already exists');
		// The form stays open with the name, to change it.
		expect(lineWith(frame, 'Save as segment')).toMatch(/Save as segment +Vienna/);
		expect((await findSegment(dbOf(db), 'vienna'))?.definition).toEqual({city: 'Wien'});

		for (let typed = 0; typed < 'Vienna'.length; typed++) await screen.press('backspace');
		await screen.type('-bad');
		await screen.press('enter');
		frame = await screen.waitFor('is not a segment name');
		expect(frame).toContain('"-bad" is not a segment name');
		expect((await listSegments(dbOf(db))).map(segment => segment.name)).toEqual(['vienna']);

		await screen.press('esc');
		frame = await screen.waitFor(current => !current.includes('Save as segment'));
		expect(frame).toContain('status: active');
		expect((await listSegments(dbOf(db))).map(segment => segment.name)).toEqual(['vienna']);

		// The deleted filter is not a segment: said, and no form.
		await screen.press('s', 's');
		await screen.waitFor('status: deleted');
		await screen.press('S');
		frame = await screen.waitFor('the deleted filter cannot be one');
		expect(frame).not.toContain('Save as segment');
		expect(await listSegments(dbOf(db))).toHaveLength(1);
	});

	it('v lists the segments with their counts and makes the one picked the list: exactly its customers, its name and conditions in the header', async () => {
		const {db, file} = tempDatabase();
		await fourCustomers(db);
		await saveSegment(dbOf(db), 'leads', {status: 'lead'});
		await saveSegment(dbOf(db), 'vienna actives', {status: 'active', city: 'Wien'});
		const screen = await renderDesk(db, file, {columns: 200, rows: 24});
		await screen.waitFor('Anna Active');
		await screen.press('v');
		let frame = await screen.waitFor('1 customer ');
		expect(frame).toContain('Pick a segment');
		expect(lineWith(frame, 'leads')).toContain('2 customers');
		expect(lineWith(frame, 'leads')).toContain('status lead');
		expect(lineWith(frame, 'vienna actives')).toContain('1 customer ');
		expect(lineWith(frame, 'vienna actives')).toContain('status active, city Wien');
		expect(lineWith(frame, '(every customer)')).toContain('›');

		await screen.press('j', 'enter');
		frame = await screen.waitFor('segment leads');
		expect(names(frame, people)).toEqual(['Bea Lead', 'Dora Lead']);
		expect(frame).toContain('Customers · 1 of 2 · segment leads: status lead (s or / leave it)');

		// A city the list has no filter for: still exactly the segment (Carl is active, in Graz).
		await screen.press('v');
		await screen.waitFor('Pick a segment');
		expect(lineWith(screen.frame(), 'leads')).toContain('›');
		await screen.press('j', 'enter');
		frame = await screen.waitFor('segment vienna actives');
		expect(frame).toContain('Customers · 1 of 1 · segment vienna actives: status active, city Wien');
		expect(names(frame, people)).toEqual(['Anna Active']);

		// S on a segment saves that segment, all of it.
		await screen.press('S');
		await screen.waitFor('saves status active, city Wien');
		await screen.type('vienna copy');
		await screen.press('enter');
		await screen.waitFor('Saved segment vienna copy');
		expect((await findSegment(dbOf(db), 'vienna copy'))?.definition).toEqual({status: 'active', city: 'Wien'});

		// Another status leaves the segment: the list is that status alone.
		await screen.press('s');
		frame = await screen.waitFor('status: inactive');
		expect(frame).not.toContain('segment vienna actives');

		// Esc in the picker keeps the filter; the first entry is every customer again.
		await screen.press('v');
		await screen.waitFor('Pick a segment');
		await screen.press('esc');
		await screen.waitFor('status: inactive');
		await screen.press('v');
		await screen.waitFor('Pick a segment');
		await screen.press('enter');
		frame = await screen.waitFor('status: all');
		expect(names(frame, people)).toEqual(people);
	});

	it('pages through a segment longer than the screen with PgDn, PgUp, G and g, showing only its customers', async () => {
		const {db, file} = tempDatabase();
		const all = Array.from({length: 90}, (_, at) => ({name: `Person ${String(at + 1).padStart(2, '0')}`, city: at % 3 === 0 ? 'Wien' : 'Graz'}));
		await addCustomers(db, all);
		await saveSegment(dbOf(db), 'vienna', {city: 'wien'});
		const inVienna = all.filter(person => person.city === 'Wien').map(person => person.name);
		const inGraz = all.filter(person => person.city === 'Graz').map(person => person.name);
		const screen = await renderDesk(db, file, {columns: 140, rows: 24});
		await screen.press('v');
		await screen.waitFor('30 customers');
		await screen.press('j', 'enter');
		let frame = await screen.waitFor('segment vienna');
		const shown = names(frame, inVienna);
		expect(shown[0]).toBe('Person 01');
		expect(shown.length).toBeGreaterThan(3);
		expect(shown.length).toBeLessThan(30);
		expect(names(frame, inGraz)).toEqual([]);

		await screen.press('G');
		frame = await screen.waitFor('30 of 30');
		expect(selectedRow(frame)).toContain('Person 88');
		expect(names(frame, inGraz)).toEqual([]);
		await screen.press('pgup');
		frame = screen.frame();
		expect(names(frame, inGraz)).toEqual([]);
		expect(names(frame, inVienna)[0]).not.toBe(names(frame, inVienna).at(-1));
		await screen.press('g');
		frame = await screen.waitFor('1 of 30');
		expect(selectedRow(frame)).toContain('Person 01');
		await screen.press('pgdn');
		frame = screen.frame();
		expect(names(frame, inGraz)).toEqual([]);
		expect(names(frame, inVienna)).toContain(selectedRow(frame)!.replace('›', '').trim().slice(0, 9));
		await screen.press('k');
		expect(names(screen.frame(), inGraz)).toEqual([]);
	});
});
