import type {KeyTable} from './bindings.js';
import {keyLabel} from './key-names.js';

/**
 * README's key tables, written from the key tables the desk runs on: what a key does is
 * declared once (in its screen's table) and documented from there, never by hand.
 */
export function keyTableMarkdown(table: KeyTable): string {
	const rows = table.map(binding => `| ${binding.keys.map(key => `\`${keyLabel(key)}\``).join(' ')} | ${binding.help} |`);
	return ['| keys | what they do |', '|---|---|', ...rows].join('\n');
}

/** A block of README between `<!-- keys: NAME -->` and `<!-- /keys -->`. */
export const keyBlockPattern = /<!-- keys: ([\w-]+) -->\n([\s\S]*?)<!-- \/keys -->/g;

/** README with every key block written again from `tables`; names it does not know are left as they are. */
export function withKeyTables(readme: string, tables: Readonly<Record<string, KeyTable>>): string {
	return readme.replace(keyBlockPattern, (block, name: string) => {
		const table = tables[name];
		return table ? `<!-- keys: ${name} -->\n${keyTableMarkdown(table)}\n<!-- /keys -->` : block;
	});
}
