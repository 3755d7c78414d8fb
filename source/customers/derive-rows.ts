import {foldNames, searchTextOf} from './search-text.js';
import {searchKeysLiteral} from './search-keys.js';
import {matchColumnsOf} from '../duplicates/match-columns.js';
import {fieldsOf, type AcceptedTuple, type DeriveOptions} from './customer-parse-protocol.js';

/**
 * Fills in what a row's stored columns derive from its fields (search-text.ts, search-keys.ts,
 * match-columns.ts), in place: the larger part of the work per row of a bulk load, and the
 * same for every row, so any thread can do it (derive-worker.ts).
 */
export function deriveTuple(tuple: AcceptedTuple, options: DeriveOptions): void {
	const fields = fieldsOf(tuple);
	const names = foldNames(fields);
	const text = searchTextOf(fields, names);
	// The name key is the folded name (nameKeyOf).
	tuple[15] = names.name;
	tuple[16] = text.searchText;
	if (!options.searchKeys && !options.matchColumns) return;
	tuple[18] = options.searchKeys ? searchKeysLiteral(text) : null;
	if (options.matchColumns) tuple[19] = matchColumnsOf(fields, names);
}
