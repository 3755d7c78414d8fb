import {Box, Text} from 'ink';
import type {Customer} from '../customers/customer-fields.js';
import {customerHistory, type HistoryEntry} from '../customers/history.js';
import {useQuery} from '../hooks/use-query.js';
import {fitText} from '../components/fit-text.js';
import {layerPriority} from '../keys/bindings.js';
import {useKeyLayer} from '../keys/use-key-layer.js';
import {useScroll} from '../hooks/use-scroll.js';
import {customerViewKeys} from './customers-keys.js';

/** "2026-11-26 08:00  operator  email: a@x.example → b@x.example" */
export function formatHistoryEntry(entry: HistoryEntry, width: number): string {
	const when = entry.at.slice(0, 16).replace('T', ' ');
	const change = entry.field === 'deleted'
		? (entry.new_value ? 'deleted' : 'restored')
		: `${entry.field}: ${entry.old_value || '(empty)'} → ${entry.new_value || '(empty)'}`;
	return fitText(`${when}  ${entry.actor.padEnd(10)} ${change}`, width).trimEnd();
}

const noEntries: HistoryEntry[] = [];

/** Who changed what and when, newest first. */
export function CustomerHistory({customer, width, height, onBack}: {customer: Customer; width: number; height: number; onBack: () => void}) {
	const history = useQuery<HistoryEntry[]>(String(customer.id), ({db}) => customerHistory(db, customer.id));
	const loaded = history.current;
	const entries = (loaded ? history.value : undefined) ?? noEntries;
	const scroll = useScroll(entries.length, height - 2);
	useKeyLayer('History', customerViewKeys, {back: onBack, ...scroll.handlers}, {priority: layerPriority.view});
	const rows = Math.max(1, height - 2);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold wrap="truncate">
				{`History of ${fitText(customer.name, Math.max(1, width - 50)).trimEnd()} `}
				<Text dimColor>{loaded ? `#${customer.id} · ${entries.length.toLocaleString('en')} changes, newest first${scroll.position ? ` · ${scroll.position}` : ''}` : `#${customer.id} · …`}</Text>
			</Text>
			<Text> </Text>
			{loaded && entries.length === 0 ? <Text dimColor>No changes since it was created.</Text> : null}
			{entries.slice(scroll.top, scroll.top + rows).map(entry => (
				<Text key={entry.id} wrap="truncate">{formatHistoryEntry(entry, width)}</Text>
			))}
		</Box>
	);
}
