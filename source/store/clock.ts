/** Every stored time is ISO-8601 UTC text with milliseconds: sortable as text, readable in the sqlite3 shell. */
export type Clock = () => string;

export const systemClock: Clock = () => new Date().toISOString();
