import {ValidationError} from '../store/errors.js';
import {quoted} from '../text/quoted.js';

export const orderStatuses = ['open', 'won', 'lost', 'paid', 'refunded'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** The statuses that count as revenue: money the business has won or received. */
export const revenueStatuses: readonly OrderStatus[] = ['won', 'paid'];

/** What a person, a CSV row or a robot may set on an order. */
export type OrderFields = {
	number: string;
	customer_id: number;
	status: OrderStatus;
	/** Integer minor units (cents): money is never a float. */
	amount: number;
	/** ISO 4217 code, e.g. `EUR`. */
	currency: string;
	/** UTC date `YYYY-MM-DD`. */
	placed_at: string;
	closed_at: string | null;
	note: string;
};

export const orderFieldNames = ['number', 'customer_id', 'status', 'amount', 'currency', 'placed_at', 'closed_at', 'note'] as const satisfies ReadonlyArray<keyof OrderFields>;

export type Order = OrderFields & {
	id: number;
	created_at: string;
	updated_at: string;
};

export function isOrderStatus(value: string): value is OrderStatus {
	return (orderStatuses as readonly string[]).includes(value);
}

export function parseOrderStatus(value: string): OrderStatus {
	const status = value.trim().toLowerCase();
	if (!isOrderStatus(status)) throw new ValidationError('status', `${quoted(value)} is not one of ${orderStatuses.join(', ')}`);
	return status;
}

/** Largest amount accepted: stays an exact integer in JavaScript and SQLite sums of many orders. */
const maxAmountCents = 1_000_000_000_000_00;

/**
 * "1234.50" → 123450, parsed from the digits so no binary float ever touches money.
 * Accepts an optional leading +, thousands never (a comma is ambiguous across locales),
 * and at most two decimals.
 */
export function parseAmount(text: string): number {
	const value = text.trim();
	const match = /^\+?(\d+)(?:\.(\d{0,2}))?$/.exec(value) ?? /^\+?()\.(\d{1,2})$/.exec(value);
	if (!match) {
		throw new ValidationError('amount', `${quoted(text)} is not an amount like 1234.50 (digits, at most two decimals, not negative)`);
	}
	const whole = match[1] || '0';
	const fraction = (match[2] ?? '').padEnd(2, '0');
	if (whole.replace(/^0+/, '').length > 12) throw new ValidationError('amount', `${quoted(text)} is too large`);
	const cents = Number(whole) * 100 + Number(fraction);
	if (cents > maxAmountCents) throw new ValidationError('amount', `${quoted(text)} is too large`);
	return cents;
}

/** 123450 → "1234.50": the inverse of parseAmount, for CSV and --json-free output. */
export function formatAmount(cents: number): string {
	const sign = cents < 0 ? '-' : '';
	const absolute = Math.abs(cents);
	return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/** 123450, 'EUR' → "1,234.50 EUR": for people, with a thousands separator. */
export function formatMoney(cents: number, currency: string): string {
	const [whole, fraction] = formatAmount(cents).split('.');
	return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction} ${currency}`;
}

const compact = new Intl.NumberFormat('en', {notation: 'compact', maximumSignificantDigits: 3});

/** 355_123_456 → "3.55M": three significant digits from 100,000.00 up, exact below. For tight tables. */
export function formatCompactAmount(cents: number): string {
	return Math.abs(cents) >= 100_000_00 ? compact.format(cents / 100) : formatAmount(cents);
}

export function parseCurrency(text: string): string {
	const code = text.trim().toUpperCase();
	if (!/^[A-Z]{3}$/.test(code)) throw new ValidationError('currency', `${quoted(text)} is not an ISO 4217 code like EUR or USD`);
	return code;
}

/** The currency new orders get when none is given: `OPSDESK_CURRENCY`, else USD. */
export function defaultCurrency(env: NodeJS.ProcessEnv = process.env): string {
	const configured = env.OPSDESK_CURRENCY?.trim();
	return configured ? parseCurrency(configured) : 'USD';
}

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * `2026-01-31` or an ISO-8601 time with a zone (`2026-01-31T23:30:00-02:00`) → the UTC date
 * (`2026-02-01` for that example): months in reports are UTC months.
 */
export function parseOrderDate(text: string, field: string): string {
	const value = text.trim();
	if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
		const date = new Date(`${value}T00:00:00Z`);
		if (!Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value) return value;
	} else if (isoDateTime.test(value)) {
		const date = new Date(value);
		const [day, time] = value.split(/t/i) as [string, string];
		// Date accepts 2026-02-30 by rolling over; a real calendar day is required.
		const calendar = new Date(`${day}T00:00:00Z`);
		if (!Number.isNaN(date.getTime()) && calendar.toISOString().slice(0, 10) === day && Number(time.slice(0, 2)) < 24) {
			return date.toISOString().slice(0, 10);
		}
	}
	throw new ValidationError(field, `${quoted(text)} is not a date (YYYY-MM-DD or ISO-8601 with a time zone)`);
}

export function todayUtc(now: Date = new Date()): string {
	return now.toISOString().slice(0, 10);
}
