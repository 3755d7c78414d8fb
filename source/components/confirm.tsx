import {Text} from 'ink';
import {keyTable, layerPriority} from '../keys/bindings.js';
import {useKeyLayer} from '../keys/use-key-layer.js';
import {visible} from '../text/visible.js';

export const confirmKeys = keyTable([
	{id: 'yes', keys: ['y'], label: 'yes', help: 'Go ahead'},
	{id: 'no', keys: ['n', 'esc'], label: 'no', help: 'Cancel'},
]);

/**
 * A question answered with y or n; every other key is ignored until then, so a
 * destructive action never happens by a stray key.
 */
export function Confirm({question, onYes, onNo}: {question: string; onYes: () => void; onNo: () => void}) {
	useKeyLayer('Confirm', confirmKeys, {yes: onYes, no: onNo}, {priority: layerPriority.dialog, exclusive: true});
	return (
		<Text bold wrap="truncate">
			{visible(question)} <Text inverse>y</Text> yes <Text inverse>n</Text> no
		</Text>
	);
}
