import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import type {Job, JobLog} from '../../source/robot/queue.js';
import {durationOf, formatColumns, jobRowValues, levelShown, logLineText, nextLevel, nextStatus, queueColumns} from '../../source/screens/robots-format.js';
import {screenshotLines} from '../../source/screens/robots-screenshot.js';

const now = Date.parse('2026-03-01T12:00:00.000Z');
const job: Job = {
	id: 7, robot: 'enter-customer', robot_file: '/robots/enter-customer.yaml', customer_id: 3, customer_name: 'Zoë 中文',
	priority: 'normal', status: 'running', attempts: 2, max_attempts: 3, run_after: '2026-03-01T11:00:00.000Z',
	lease_owner: 'host:1', worker: 'host:1', lease_expires_at: '2026-03-01T12:00:10.000Z', created_at: '2026-03-01T11:58:30.000Z',
	started_at: '2026-03-01T11:59:55.500Z', finished_at: null, updated_at: '2026-03-01T11:59:55.500Z', last_error: null, dry_run: false,
	batch_id: null, schedule: null, scheduled_for: null, trigger_name: null, trigger_depth: 0, needs_desktop: true,
};

describe('Robots tab rows', () => {
	it('show status, id, robot, customer, attempts, age and the running time so far', () => {
		expect(jobRowValues(job, now)).toEqual(['running', '#7', 'enter-customer', '#3 Zoë 中文', '2/3', '1m', '4.5s']);
		expect(durationOf({...job, status: 'queued'}, now)).toBe('');
		expect(jobRowValues({...job, status: 'succeeded', dry_run: true}, now)[2]).toBe('enter-customer (dry run)');
		expect(durationOf({...job, status: 'succeeded', finished_at: '2026-03-01T11:59:57.000Z'}, now)).toBe('1.5s');
	});

	it('line up in columns that fill the width, CJK counted as two cells', () => {
		const columns = queueColumns(100);
		const line = formatColumns(columns, jobRowValues(job, now));
		expect(line.startsWith('running   #7     enter-customer')).toBe(true);
		const titles = formatColumns(columns, columns.map(column => column.title));
		expect(stringWidth(line)).toBe(stringWidth(titles));
		expect(stringWidth(titles)).toBeLessThanOrEqual(100);
	});

	it('filter log lines by level and cycle filters', () => {
		const log: JobLog = {id: 1, job_id: 7, attempt: 2, step: 4, at: '2026-03-01T11:59:56.250Z', level: 'warn', message: 'try 1 of 2 failed', duration_ms: 1500, screenshot: '/s.png'};
		expect(logLineText(log)).toBe('11:59:56 a2 WARN  step 4: try 1 of 2 failed (1.5s) [screenshot]');
		expect(levelShown(log, 'info')).toBe(true);
		expect(levelShown(log, 'error')).toBe(false);
		expect(nextLevel('error')).toBe('debug');
		expect(nextStatus('all')).toBe('queued');
		expect(nextStatus('cancelled')).toBe('all');
	});

	it('draw a screenshot as half blocks in colour, or shades without colour, keeping its aspect', () => {
		// 4x4: top half red, bottom half blue.
		const data = Buffer.alloc(4 * 4 * 4);
		for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) data.set(y < 2 ? [255, 0, 0, 255] : [0, 0, 255, 255], (y * 4 + x) * 4);
		const coloured = screenshotLines({width: 4, height: 4, data}, 4, 2, true);
		expect(coloured).toHaveLength(2);
		expect(coloured[0]).toBe(`${'\u001B[38;2;255;0;0m\u001B[48;2;255;0;0m▀'.repeat(4)}\u001B[0m`);
		expect(coloured[1]).toBe(`${'\u001B[38;2;0;0;255m\u001B[48;2;0;0;255m▀'.repeat(4)}\u001B[0m`);
		expect(screenshotLines({width: 4, height: 4, data: Buffer.alloc(64, 255)}, 8, 8, false)).toEqual(['@@@@', '@@@@']);
	});
});
