import {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import type {Customer} from '../customers/customer-fields.js';
import {customerHistory, type HistoryEntry} from '../customers/history.js';
import {useDataVersion, useDesk} from '../components/desk-context.js';
import {fitText} from '../components/fit-text.js';
import {layerPriority} from '../keys/bindings.js';
import {useKeyLayer} from '../keys/use-key-layer.js';
import {customerHistoryKeys} from './customers-keys.js';

/** "2026-11-26 08:00  operator  email: a@x.example → b@x.example" */
export function formatHistoryEntry(entry: HistoryEntry, width: number): string {
	const when = entry.at.slice(0, 16).replace('T', ' ');
	const change = entry.field === 'deleted'
		? (entry.new_value ? 'deleted' : 'restored')
		: `${entry.field}: ${entry.old_value || '(empty)'} → ${entry.new_value || '(empty)'}`;
	return fitText(`${when}  ${entry.actor.padEnd(10)} ${change}`, width).trimEnd();
}

/** Who changed what and when, newest first. */
export function CustomerHistory({customer, width, height, onBack}: {customer: Customer; width: number; height: number; onBack: () => void}) {
	const {db} = useDesk();
	const dataVersion = useDataVersion();
	// eslint-disable-next-line react-hooks/exhaustive-deps -- dataVersion: re-read when another process changed the database
	const entries = useMemo(() => customerHistory(db, customer.id), [db, customer.id, dataVersion]);
	const [scroll, setScroll] = useState(0);
	const rows = Math.max(1, height - 2);
	const maxScroll = Math.max(0, entries.length - rows);
	useKeyLayer('History', customerHistoryKeys, {
		back: onBack,
		down: scroll < maxScroll ? () => setScroll(scroll + 1) : undefined,
		up: scroll > 0 ? () => setScroll(scroll - 1) : undefined,
	}, {priority: layerPriority.view});
	const first = Math.min(scroll, maxScroll);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold wrap="truncate">History of {customer.name} <Text dimColor>#{customer.id} · {entries.length} changes, newest first</Text></Text>
			<Text> </Text>
			{entries.length === 0 ? <Text dimColor>No changes since it was created.</Text> : null}
			{entries.slice(first, first + rows).map(entry => (
				<Text key={entry.id} wrap="truncate">{formatHistoryEntry(entry, width)}</Text>
			))}
		</Box>
	);
}
