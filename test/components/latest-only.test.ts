import {describe, expect, it} from 'vitest';
import {latestOnly} from '../../source/hooks/latest-only.js';

describe('latestOnly', () => {
	it('never lets a slow older result overwrite a newer one', async () => {
		const applied: string[] = [];
		const loads = latestOnly<string>(result => applied.push(result), error => {
			throw error;
		});
		let finishSlow: (value: string) => void = () => {};
		const slow = loads.later(() => new Promise<string>(resolve => {
			finishSlow = resolve;
		}));
		// Let the slow load start, then ask again: the newer answer arrives first.
		await new Promise(resolve => setImmediate(resolve));
		loads.now(() => 'results for "kowal"');
		finishSlow('results for "k"');
		await slow;
		expect(applied).toEqual(['results for "kowal"']);
	});

	it('skips loads that were superseded before they started', async () => {
		const applied: number[] = [];
		let started = 0;
		const loads = latestOnly<number>(result => applied.push(result), () => {});
		const pending = [1, 2, 3].map(value => loads.later(() => {
			started++;
			return value;
		}));
		await Promise.all(pending);
		expect(applied).toEqual([3]);
		expect(started).toBe(1);
	});

	it('reports a failed load only if it is still the newest', async () => {
		const errors: unknown[] = [];
		const loads = latestOnly<number>(() => {}, error => errors.push(error));
		await loads.later(() => {
			throw new Error('disk gone');
		});
		expect(errors).toHaveLength(1);
	});
});
