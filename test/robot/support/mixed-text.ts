/**
 * 2,000 characters that break naive typing: shifted symbols, quotes, shell and markup
 * characters, accents, Greek, Cyrillic, CJK and Hangul, in the Basic Multilingual Plane (Tk 8.6
 * entries do not hold characters beyond it). No `|`: zenity --forms separates fields with it.
 */
const pieces = ['Zoë Ångström-中文', '«quotes» "double" \'single\'', '<tag attr="x">&amp;</tag>', '$HOME `cmd` \\back\\slash', 'Łódź Ελληνικά Русский', '日本語 한국어 ÿ ñ ß € © ½', '@#%^*()_+={}[]:;?/~!', '0123456789 abcxyz ABCXYZ'];

export const mixedText = (() => {
	let text = '';
	for (let index = 0; [...text].length < 2000; index++) text += `${pieces[index % pieces.length]} `;
	return [...text].slice(0, 2000).join('');
})();
