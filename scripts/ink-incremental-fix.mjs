// Ink 6.8.0's incremental renderer moves the cursor up one line too few when the previous
// frame ended with a newline, which it always does when the frame is shorter than the
// terminal (the desk keeps it one row shorter, see source/app.tsx). Every later frame is
// then drawn one row lower and the top row scrolls away. Upstream fixed it by counting
// `previousLines.length - 1` (the newline's empty line included); this esbuild plugin makes
// the same one-line change in the bundled copy. A fixed Ink has no such line and is left alone.
import fs from 'node:fs';

const buggy = 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));';
const fixed = 'buffer.push(ansiEscapes.cursorUp(previousLines.length - 1));';

export const inkIncrementalFix = {
	name: 'ink-incremental-fix',
	setup(build) {
		build.onLoad({filter: /[\\/]ink[\\/]build[\\/]log-update\.js$/}, async args => {
			const source = await fs.promises.readFile(args.path, 'utf8');
			return {contents: source.replace(buggy, fixed), loader: 'js'};
		});
	},
};
