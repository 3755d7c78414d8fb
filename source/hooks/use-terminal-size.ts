import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

export type TerminalSize = {columns: number; rows: number};

function sizeOf(stdout: NodeJS.WriteStream): TerminalSize {
	return {columns: stdout.columns || 80, rows: stdout.rows || 24};
}

/** The terminal's size, updated on resize. */
export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => sizeOf(stdout));
	useEffect(() => {
		const resized = () => setSize(sizeOf(stdout));
		stdout.on('resize', resized);
		return () => {
			stdout.off('resize', resized);
		};
	}, [stdout]);
	return size;
}
