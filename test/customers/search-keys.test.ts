import {describe, expect, it} from 'vitest';
import {searchKeysOf, trigramKey, trigramsOf} from '../../source/customers/search-keys.js';
import {searchTextOf, wordStartMark} from '../../source/customers/search-text.js';

describe('search keys', () => {
	it('are the keys of every trigram a query can ask for, and only those, in any script', () => {
		for (const fields of [
			{name: 'Zoë Müller', company: 'Blauberg GmbH', email: 'zoe@blauberg.example', phone: '+49 30 1234567'},
			{name: '王小明', company: '上海贸易有限公司', email: 'wang@sh.example', phone: ''},
			{name: 'Emoji 𝒳𝒴𝒵 Fan', company: '', email: '', phone: ''},
		]) {
			const text = searchTextOf(fields);
			const expected = new Set([
				...[...trigramsOf(text.substringText)].filter(trigram => !trigram.includes('\t')),
				...[...trigramsOf(text.wordStarts)].filter(trigram => trigram.startsWith(wordStartMark)),
			].map(trigramKey));
			expect(new Set(searchKeysOf(text))).toEqual(expected);
		}
	});
});
