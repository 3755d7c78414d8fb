import React from 'react';
import {Box, Text} from 'ink';
import type {ScreenProps} from './screen-props.js';

/** A tab whose screen has not landed yet: one calm line instead of an empty box. */
export function placeholderScreen(line: string) {
	return function PlaceholderScreen({width, height}: ScreenProps) {
		return (
			<Box width={width} height={height} paddingLeft={1}>
				<Text dimColor>{line}</Text>
			</Box>
		);
	};
}
