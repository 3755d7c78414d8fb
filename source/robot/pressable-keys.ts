// Written by scripts/probe-keys.ts from a probe on Xvfb: the key names the nut driver's keyboard
// delivered. Do not edit by hand; run the probe again.
export const pressableKeys: readonly string[] = [
	'Escape', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9',
	'F10', 'F11', 'F12', 'F13', 'F14', 'F15', 'F16', 'F17', 'F18', 'F19',
	'F20', 'F21', 'F22', 'F23', 'F24', 'Print', 'ScrollLock', 'Pause', 'Grave', 'Num1',
	'Num2', 'Num3', 'Num4', 'Num5', 'Num6', 'Num7', 'Num8', 'Num9', 'Num0', 'Minus',
	'Equal', 'Backspace', 'Insert', 'Home', 'PageUp', 'NumLock', 'NumPadEqual', 'Divide', 'Multiply', 'Subtract',
	'Tab', 'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O',
	'P', 'LeftBracket', 'RightBracket', 'Backslash', 'Delete', 'End', 'PageDown', 'NumPad7', 'NumPad8', 'NumPad9',
	'Add', 'CapsLock', 'A', 'S', 'D', 'F', 'G', 'H', 'J', 'K',
	'L', 'Semicolon', 'Quote', 'Return', 'NumPad4', 'NumPad5', 'NumPad6', 'LeftShift', 'Z', 'X',
	'C', 'V', 'B', 'N', 'M', 'Comma', 'Period', 'Slash', 'RightShift', 'Up',
	'NumPad1', 'NumPad2', 'NumPad3', 'Enter', 'LeftControl', 'LeftSuper', 'LeftWin', 'LeftCmd', 'LeftAlt', 'LeftMeta',
	'RightControl', 'RightSuper', 'RightWin', 'RightAlt', 'RightCmd', 'RightMeta', 'Space', 'Menu', 'Left', 'Down',
	'Right', 'NumPad0', 'Decimal', 'Clear', 'AudioMute', 'AudioVolDown', 'AudioVolUp', 'AudioPlay', 'AudioStop', 'AudioPause',
	'AudioPrev', 'AudioNext', 'AudioRewind', 'AudioForward', 'AudioRepeat', 'AudioRandom',
];
