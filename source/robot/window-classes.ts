/**
 * How text goes into a window, by its WM_CLASS class. GUI toolkits paste the clipboard with
 * Ctrl+V. Terminals take Ctrl+V as a control character and paste with Ctrl+Shift+V (copy:
 * Ctrl+Shift+C). xterm and rxvt paste only the PRIMARY selection (Shift+Insert pastes whatever
 * the user last selected, not what the robot put on the clipboard), so text is typed there.
 */
const pasteWithShift = new Set([
	'gnome-terminal', 'gnome-terminal-server', 'konsole', 'xfce4-terminal', 'alacritty', 'kitty', 'tilix', 'terminator',
	'lxterminal', 'mate-terminal', 'qterminal', 'terminology', 'st', 'st-256color', 'org.wezfurlong.wezterm', 'wezterm',
	'foot', 'ghostty', 'com.mitchellh.ghostty', 'sakura', 'guake', 'tilda', 'kgx', 'org.gnome.console', 'deepin-terminal',
]);
const primaryOnly = new Set(['xterm', 'uxterm', 'urxvt', 'rxvt', 'aterm', 'eterm']);

export type TextRoute = {paste: 'ctrl+v' | 'ctrl+shift+v' | 'none'; copyWithShift: boolean};

export function textRouteFor(windowClass: string): TextRoute {
	const name = windowClass.toLowerCase();
	if (primaryOnly.has(name)) return {paste: 'none', copyWithShift: false};
	if (pasteWithShift.has(name)) return {paste: 'ctrl+shift+v', copyWithShift: true};
	return {paste: 'ctrl+v', copyWithShift: false};
}

/** Short plain ASCII is typed key by key: faster than a paste round trip and needs no clipboard. */
export function typesAsKeys(text: string): boolean {
	return text.length <= 24 && /^[\x20-\x7e]*$/.test(text);
}
