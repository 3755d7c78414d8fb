/**
 * Errors a user can act on. The CLI prints `message` on one line and exits with `exitCode`;
 * the desk shows it in the status line. Anything else is a bug and gets a log file.
 */
export class UserError extends Error {
	constructor(message: string, readonly exitCode: number = 1) {
		super(message);
		this.name = 'UserError';
	}
}

/** Exit codes shared by every command (README "Exit codes"). */
export const exitCodes = {
	ok: 0,
	usage: 1,
	notFound: 1,
	rejected: 2,
	conflict: 3,
	robotFailed: 4,
	/** The database can't do this now: locked past the busy timeout, read-only, disk full or corrupt. */
	unavailable: 5,
} as const;

export class NotFoundError extends UserError {
	constructor(message: string) {
		super(message, exitCodes.notFound);
		this.name = 'NotFoundError';
	}
}

/** A value failed validation; `field` names it so forms can show the message beside it. */
export class ValidationError extends UserError {
	constructor(readonly field: string, message: string) {
		super(`${field}: ${message}`, exitCodes.rejected);
		this.name = 'ValidationError';
	}
}

/** The record changed elsewhere since it was read (optimistic locking). */
export class ConflictError extends UserError {
	constructor(message: string) {
		super(message, exitCodes.conflict);
		this.name = 'ConflictError';
	}
}
