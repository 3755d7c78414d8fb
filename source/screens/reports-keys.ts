import {keyTable} from '../keys/bindings.js';

/** The Reports tab's keys; the footer and help overlay are generated from this table. */
export const reportsKeys = keyTable([
	{id: 'earlier', keys: ['['], label: 'earlier', help: 'Move the date range back one period'},
	{id: 'later', keys: [']'], label: 'later', help: 'Move the date range forward one period, up to the one holding today'},
	{id: 'period', keys: ['p'], label: 'period', help: 'Cycle the period: month, quarter, year (the one holding the period on screen)'},
	{id: 'currency', keys: ['c'], label: 'currency', help: 'Cycle the currency (figures are never added across currencies)'},
	{id: 'export', keys: ['x'], label: 'export', help: 'Write what is on screen to CSV and Markdown files and say where'},
]);
