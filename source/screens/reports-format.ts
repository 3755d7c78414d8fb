import {formatCompactAmount} from '../orders/order-fields.js';

/**
 * How the Reports tab writes numbers for people: thousands separated by commas, as
 * formatMoney writes money (`1,000,000`, `1,543.00`). Only for the screen and what reads like
 * it (the headline of the Markdown export); CSV and `--json` keep plain digits for scripts.
 */
function groupThousands(text: string): string {
	return text.replace(/^([-+]?)(\d+)/, (_, sign: string, digits: string) => sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
}

/** 1000000 → `1,000,000`: orders, customers, jobs. */
export function formatCount(count: number): string {
	return groupThousands(String(count));
}

/** Cents for a tight table: `1,543.00` exact below 100,000.00, `3.55M` from there up. */
export function formatTableAmount(cents: number): string {
	return groupThousands(formatCompactAmount(cents));
}

/** A run time in seconds to a tenth: `1.5s`, `3,600.0s`. */
export function formatSeconds(ms: number): string {
	return `${groupThousands((ms / 1000).toFixed(1))}s`;
}
