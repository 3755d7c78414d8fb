import {describe, expect, it} from 'vitest';
import {keyTable, layerPriority, type KeyBinding} from '../../source/keys/bindings.js';
import {KeyRegistry, type KeyLayer} from '../../source/keys/registry.js';
import {keyLabel} from '../../source/keys/key-names.js';

function layer(title: string, bindings: readonly KeyBinding[], handlers: KeyLayer['handlers'], options: Partial<KeyLayer> = {}): KeyLayer {
	return {title, bindings, handlers, priority: layerPriority.screen, exclusive: false, scope: {active: true}, ...options};
}

describe('key registry', () => {
	const desk = keyTable([
		{id: 'quit', keys: ['q'], label: 'quit', help: 'Quit'},
		{id: 'interrupt', keys: ['ctrl+c'], label: 'quit', help: 'Quit', always: true},
	]);
	const list = keyTable([
		{id: 'down', keys: ['j', 'down'], label: 'down', help: 'Down'},
		{id: 'restore', keys: ['r'], label: 'restore', help: 'Restore'},
	]);

	it('sends a key to the highest layer that binds it and has a handler', () => {
		const registry = new KeyRegistry();
		const pressed: string[] = [];
		registry.add(layer('Desk', desk, {quit: () => pressed.push('quit'), interrupt: () => pressed.push('interrupt')}, {priority: layerPriority.desk}));
		registry.add(layer('List', list, {down: () => pressed.push('down'), restore: undefined}));
		expect(registry.dispatch('down')).toBe(true);
		expect(registry.dispatch('j')).toBe(true);
		expect(registry.dispatch('r')).toBe(false);
		expect(registry.dispatch('q')).toBe(true);
		expect(pressed).toEqual(['down', 'down', 'quit']);
		expect(registry.activeLayers().map(active => [active.title, active.bindings.map(binding => binding.id)])).toEqual([
			['List', ['down']],
			['Desk', ['quit', 'interrupt']],
		]);
	});

	it('stops unbound keys at an exclusive layer, except the ones bound everywhere', () => {
		const registry = new KeyRegistry();
		const pressed: string[] = [];
		registry.add(layer('Desk', desk, {quit: () => pressed.push('quit'), interrupt: () => pressed.push('interrupt')}, {priority: layerPriority.desk}));
		registry.add(layer('Search', keyTable([{id: 'done', keys: ['enter'], label: 'done', help: 'Done'}]), {done: () => pressed.push('done')}, {priority: layerPriority.dialog, exclusive: true}));
		expect(registry.dispatch('q')).toBe(false);
		expect(registry.dispatch('ctrl+c')).toBe(true);
		expect(registry.dispatch('enter')).toBe(true);
		expect(pressed).toEqual(['interrupt', 'done']);
		expect(registry.activeLayers().map(active => active.title)).toEqual(['Search', 'Desk']);
		expect(registry.activeLayers()[1]!.bindings.map(binding => binding.id)).toEqual(['interrupt']);
	});

	it('ignores layers of a tab that is not on screen, and tells listeners when that changes', () => {
		const registry = new KeyRegistry();
		const scope = {active: false};
		let notified = 0;
		registry.subscribe(() => notified++);
		registry.add(layer('List', list, {down: () => {}}, {scope}));
		expect(registry.dispatch('j')).toBe(false);
		scope.active = true;
		registry.changed();
		expect(registry.dispatch('j')).toBe(true);
		expect(notified).toBe(1);
		registry.changed();
		expect(notified).toBe(1);
	});

	it('names keys the way the footer shows them', () => {
		expect(['ctrl+s', 'pgdn', 'shift+tab', 'down', 'esc', 'j', 'alt+b', 'ctrl+left', 'f1', 'space', 'alt+backspace'].map(keyLabel))
			.toEqual(['Ctrl-S', 'PgDn', 'Shift-Tab', '↓', 'Esc', 'j', 'Alt-B', 'Ctrl-←', 'F1', 'Space', 'Alt-Backspace']);
	});

	it('gives typed text to the topmost text field, unless a binding above or an always binding takes the key', () => {
		const registry = new KeyRegistry();
		const typed: string[] = [];
		const pressed: string[] = [];
		registry.add(layer('Desk', desk, {quit: () => pressed.push('quit'), interrupt: () => pressed.push('interrupt')}, {priority: layerPriority.desk}));
		registry.add(layer('Form', keyTable([{id: 'save', keys: ['ctrl+s'], label: 'save', help: 'Save'}]), {save: () => pressed.push('save')}, {priority: layerPriority.view, exclusive: true}));
		registry.add(layer('Field', keyTable([{id: 'left', keys: ['left'], label: 'left', help: 'Left'}]), {left: () => pressed.push('left')}, {priority: layerPriority.view + 5, text: key => typed.push(key.text!)}));
		expect(registry.dispatch({name: 'q', text: 'q'})).toBe(true);
		expect(registry.dispatch({name: 'paste', text: 'two\nlines'})).toBe(true);
		expect(registry.dispatch('ctrl+s')).toBe(true);
		expect(registry.dispatch('left')).toBe(true);
		expect(registry.dispatch('ctrl+c')).toBe(true);
		// A key with no text and no binding goes nowhere.
		expect(registry.dispatch('f5')).toBe(false);
		expect(typed).toEqual(['q', 'two\nlines']);
		expect(pressed).toEqual(['save', 'left', 'interrupt']);
		expect(registry.layerFor('ctrl+s')).toBe('Form');
		expect(registry.layerFor('q')).toBeUndefined();
	});

	it('sends no text past an exclusive layer without a text field', () => {
		const registry = new KeyRegistry();
		const typed: string[] = [];
		registry.add(layer('List', list, {down: () => {}}, {priority: layerPriority.screen, text: key => typed.push(key.text!)}));
		registry.add(layer('Confirm', keyTable([{id: 'yes', keys: ['y'], label: 'yes', help: 'Yes'}]), {yes: () => {}}, {priority: layerPriority.dialog, exclusive: true}));
		expect(registry.dispatch({name: 'x', text: 'x'})).toBe(false);
		expect(typed).toEqual([]);
	});
});
