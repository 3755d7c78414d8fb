import {checkSearch} from '../customers/search-limits.js';
import {hasNothingToSearch, isBlankSearch, nothingToSearchFor} from '../customers/search-text.js';
import {quoted} from '../text/quoted.js';
import type {Command, CommandContext} from './command.js';
import {stringFlag, usageError} from './arguments.js';

/**
 * `--search TEXT` as a command that acts on the customers found reads it (robot enqueue,
 * segments add), before anything is done: over the limits it is refused (exit 2,
 * search-limits.ts); empty, blank, or with nothing to search for (only symbols or emoji:
 * "🏢", "%", "!!!") it is a usage error. Such a search would otherwise mean every customer —
 * a script's `--search "$NAME"` with an empty NAME queueing a robot for the whole database.
 */
export function searchFlag(command: Pick<Command, 'usage'>, context: CommandContext): string | undefined {
	const search = stringFlag(context, 'search');
	if (search === undefined) return undefined;
	checkSearch(search);
	if (isBlankSearch(search) || hasNothingToSearch(search)) throw usageError(command, `--search ${quoted(search)}: ${nothingToSearchFor}`);
	return search;
}
