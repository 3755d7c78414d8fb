/**
 * Every secret value this process has opened, so that no output, log line, job row, error or
 * crash log can carry one: each is shown as `••••`. Values are remembered as they are opened
 * (a worker opens the secrets its robot uses), in the forms text may hold them in: as is, inside
 * JSON, URL-encoded (a password inside a URL).
 */
export const hiddenMark = '••••';

const hidden = new Set<string>();
let ordered: string[] = [];

/** Shorter values would hide ordinary text everywhere; `secrets set` refuses them. */
export const shortestSecret = 4;

export function hideSecretValue(value: string): void {
	if (value.length < shortestSecret) return;
	const forms = [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)];
	let added = false;
	for (const form of forms) {
		if (form.length >= shortestSecret && !hidden.has(form)) {
			hidden.add(form);
			added = true;
		}
	}
	// Longest first: a value that holds another is hidden whole.
	if (added) ordered = [...hidden].sort((a, b) => b.length - a.length);
}

/** The text with every known secret value replaced by `••••`. */
export function redactSecrets(text: string): string {
	if (ordered.length === 0) return text;
	let result = text;
	for (const value of ordered) if (result.includes(value)) result = result.replaceAll(value, hiddenMark);
	return result;
}

/** For tests: forget what this process has seen. */
export function forgetHiddenValues(): void {
	hidden.clear();
	ordered = [];
}
