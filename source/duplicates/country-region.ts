import countries from 'i18n-iso-countries/index.js';
import type {CountryCode} from 'libphonenumber-js';
import {getCountries} from 'libphonenumber-js/min';
import {foldText} from '../customers/search-text.js';
import english from 'i18n-iso-countries/langs/en.json' with {type: 'json'};
import german from 'i18n-iso-countries/langs/de.json' with {type: 'json'};
import french from 'i18n-iso-countries/langs/fr.json' with {type: 'json'};
import spanish from 'i18n-iso-countries/langs/es.json' with {type: 'json'};
import italian from 'i18n-iso-countries/langs/it.json' with {type: 'json'};
import portuguese from 'i18n-iso-countries/langs/pt.json' with {type: 'json'};
import dutch from 'i18n-iso-countries/langs/nl.json' with {type: 'json'};
import swedish from 'i18n-iso-countries/langs/sv.json' with {type: 'json'};
import danish from 'i18n-iso-countries/langs/da.json' with {type: 'json'};
import norwegian from 'i18n-iso-countries/langs/nb.json' with {type: 'json'};
import polish from 'i18n-iso-countries/langs/pl.json' with {type: 'json'};
import czech from 'i18n-iso-countries/langs/cs.json' with {type: 'json'};
import japanese from 'i18n-iso-countries/langs/ja.json' with {type: 'json'};
import chinese from 'i18n-iso-countries/langs/zh.json' with {type: 'json'};
import korean from 'i18n-iso-countries/langs/ko.json' with {type: 'json'};

/**
 * The customer's country as a phone region, so a national number ("030 1234567" in Germany)
 * reads as the same E.164 number as its international form. The country field is free text:
 * "DE", "DEU", "Germany", "Deutschland", "Allemagne", "ドイツ" all name one region, by the
 * country names of i18n-iso-countries in the languages opsdesk's customers mostly write.
 */
const languages = [english, german, french, spanish, italian, portuguese, dutch, swedish, danish, norwegian, polish, czech, japanese, chinese, korean];

let regions: Map<string, CountryCode> | undefined;

function regionTable(): Map<string, CountryCode> {
	if (regions) return regions;
	const phoneRegions = new Set<string>(getCountries());
	const table = new Map<string, CountryCode>();
	const add = (name: string, code: string) => {
		const key = countryKey(name);
		if (key && phoneRegions.has(code) && !table.has(key)) table.set(key, code as CountryCode);
	};
	for (const [alpha2, alpha3] of Object.entries(countries.getAlpha2Codes())) {
		add(alpha2, alpha2);
		add(alpha3, alpha2);
	}
	// Common English names the ISO list spells otherwise.
	for (const [name, code] of [['UK', 'GB'], ['England', 'GB'], ['Scotland', 'GB'], ['Wales', 'GB'], ['Great Britain', 'GB'], ['South Korea', 'KR'], ['Russia', 'RU'], ['Czech Republic', 'CZ'], ['Holland', 'NL']] as const) add(name, code);
	for (const language of languages) {
		for (const [code, names] of Object.entries(language.countries)) {
			for (const name of Array.isArray(names) ? names : [names]) add(name, code);
		}
	}
	regions = table;
	return table;
}

function countryKey(name: string): string {
	return foldText(name).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The phone region a country field names, or undefined when it names none (or is empty). */
export function regionOf(country: string): CountryCode | undefined {
	if (!country.trim()) return undefined;
	return regionTable().get(countryKey(country));
}
