import {describe, expect, it} from 'vitest';
import {footerHints} from '../../source/components/footer.js';
import {cycleChoice, jumpToChoice} from '../../source/components/choice-field.js';
import {deskKeys} from '../../source/app.js';
import {deskTabs} from '../../source/app-tabs.js';
import {customerListKeys} from '../../source/screens/customers-keys.js';
import type {ActiveLayer} from '../../source/keys/registry.js';

const line = (layers: readonly ActiveLayer[], width: number) => footerHints(layers, width).map(hint => `${hint.key} ${hint.label}`).join('  ');

describe('footer', () => {
	const layers: ActiveLayer[] = [
		{title: 'Customers', bindings: [...customerListKeys]},
		{title: 'Desk', bindings: [...deskKeys(deskTabs)]},
	];

	it('shows the keys of what is on top first, and q quit and ? help at the end', () => {
		expect(line(layers, 200)).toBe('Enter open  / search  s status  e edit  n new  d delete  r restore  i log  h history  R robot  v segments  S save segment  D duplicates  Esc clear filter  q quit  ? help');
	});

	it('drops the least important keys first when narrow; q quit and ? help are the last to go', () => {
		expect(line(layers, 80)).toBe('Enter open  / search  s status  e edit  n new  d delete  q quit  ? help');
		expect(line(layers, 28)).toBe('Enter open  q quit  ? help');
		expect(line(layers, 24)).toBe('q quit  ? help');
		expect(line(layers, 16)).toBe('q quit  ? help');
		expect(line(layers, 8)).toBe('? help');
	});
});

describe('pickers', () => {
	const statuses = ['lead', 'active', 'inactive'];
	it('cycle round with Right/Space and Left, and jump to the next choice starting with a letter', () => {
		expect(cycleChoice(statuses, 'inactive', 1)).toBe('lead');
		expect(cycleChoice(statuses, 'lead', -1)).toBe('inactive');
		expect(jumpToChoice(statuses, 'lead', 'i')).toBe('inactive');
		expect(jumpToChoice(statuses, 'lead', 'A')).toBe('active');
		expect(jumpToChoice(['call', 'chat', 'email'], 'call', 'c')).toBe('chat');
		expect(jumpToChoice(['call', 'chat', 'email'], 'chat', 'c')).toBe('call');
		expect(jumpToChoice(statuses, 'lead', 'x')).toBe('lead');
	});
});
