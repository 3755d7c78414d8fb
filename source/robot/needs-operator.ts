/**
 * A step failure no retry can mend: only an operator can decide (an email that may already have
 * been delivered must not go out again by itself). The step is not retried, and the job fails
 * at once instead of spending its remaining attempts on the same answer.
 */
export class NeedsOperator extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'NeedsOperator';
	}
}
