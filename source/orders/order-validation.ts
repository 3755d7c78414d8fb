import {ValidationError} from '../store/errors.js';
import {unprintableProblem} from '../text/printable.js';
import {isOrderStatus, orderStatuses, parseCurrency, parseOrderDate, type OrderFields} from './order-fields.js';
import {quoted} from '../text/quoted.js';

/** Checks and normalizes every field of an order; throws a ValidationError naming the first bad one. */
export function validateOrderFields(fields: OrderFields): OrderFields {
	const number = fields.number.trim();
	if (!number) throw new ValidationError('number', 'is required');
	if (number.length > 64 || /[\r\n]/.test(number)) throw new ValidationError('number', 'must be one line of at most 64 characters');
	const numberProblem = unprintableProblem(number, 'one-line');
	if (numberProblem) throw new ValidationError('number', numberProblem);
	if (!isOrderStatus(fields.status)) throw new ValidationError('status', `${quoted(fields.status)} is not one of ${orderStatuses.join(', ')}`);
	if (!Number.isSafeInteger(fields.amount) || fields.amount < 0) throw new ValidationError('amount', 'must be a whole number of cents, not negative');
	const placed = parseOrderDate(fields.placed_at, 'placed_at');
	const closed = fields.closed_at ? parseOrderDate(fields.closed_at, 'closed_at') : null;
	if (closed && closed < placed) throw new ValidationError('closed_at', `${closed} is before the placed date ${placed}`);
	if (fields.note.length > 10_000) throw new ValidationError('note', 'is longer than 10000 characters');
	const noteProblem = unprintableProblem(fields.note, 'multi-line');
	if (noteProblem) throw new ValidationError('note', noteProblem);
	return {
		number,
		customer_id: fields.customer_id,
		status: fields.status,
		amount: fields.amount,
		currency: parseCurrency(fields.currency),
		placed_at: placed,
		closed_at: closed,
		note: fields.note,
	};
}
