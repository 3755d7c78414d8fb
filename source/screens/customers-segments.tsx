import {useState} from 'react';
import {Box, Text} from 'ink';
import {useDesk} from '../components/desk-context.js';
import {TextField} from '../components/text-field.js';
import {fitText} from '../components/fit-text.js';
import {layerPriority} from '../keys/bindings.js';
import {useKeyLayer, useTrackedWork} from '../keys/use-key-layer.js';
import {useQuery} from '../hooks/use-query.js';
import {ValidationError} from '../store/errors.js';
import {visible} from '../text/visible.js';
import type {CustomerFilter} from '../hooks/customer-window.js';
import {describeDefinition, type Segment, type SegmentDefinition} from '../automation/segment-definition.js';
import {listSegments, saveSegment} from '../automation/segments.js';
import {countSegment} from '../automation/segment-query.js';
import {segmentPickerKeys, segmentSaveKeys} from './customers-keys.js';

/** The segment `S` saves: what the list shows, its search and its status filter (or the segment it shows). */
export function definitionOfFilter(filter: CustomerFilter): SegmentDefinition {
	// A segment picked: what the list shows is that segment, all of it.
	if (filter.segment) return filter.segment.definition;
	const definition: SegmentDefinition = {};
	if (filter.search.trim()) definition.search = filter.search.trim();
	if (filter.status !== 'all' && filter.status !== 'deleted') definition.status = filter.status;
	return definition;
}

/** A segment as the list's filter: the list pages through its whole definition; the header shows its search and status. */
export function filterOfSegment(segment: Segment): CustomerFilter {
	const {definition} = segment;
	return {search: definition.search ?? '', status: definition.status ?? 'all', segment: {name: segment.name, definition, described: describeDefinition(definition)}};
}

/**
 * `S` on the Customers tab: one line asking for a name, replacing the list's title. Saves the
 * list's search and status filter as a segment (as `opsdesk segments add NAME --search T
 * --status S`); a bad name or one already taken is said beside the field and nothing is saved.
 */
export function SegmentSaveForm({filter, width, onDone}: {filter: CustomerFilter; width: number; onDone: (saved?: Segment) => void}) {
	const {db, color, notify, report, changed} = useDesk();
	const track = useTrackedWork();
	const [name, setName] = useState('');
	const [error, setError] = useState<string>();
	const definition = definitionOfFilter(filter);
	const save = () => {
		track((async () => {
			try {
				const {segment} = await saveSegment(db, name.trim(), definition);
				changed();
				notify(visible(`Saved segment ${segment.name} (${describeDefinition(segment.definition)}); v picks it, robots and schedules can use it`), 'success');
				onDone(segment);
			} catch (failure) {
				if (!(failure instanceof ValidationError)) throw failure;
				const message = failure.message.replace(/^name: /, '');
				setError(message);
				notify(visible(`Not saved: ${message}`), 'error');
			}
		})()).catch(report);
	};
	useKeyLayer('Save segment', segmentSaveKeys, {
		save,
		cancel: () => onDone(),
	}, {priority: layerPriority.dialog, exclusive: true});
	const labelWidth = 17;
	const valueWidth = Math.max(10, Math.min(30, width - labelWidth - 20));
	// Beside the field: what is saved, or (after Enter) why it was not.
	const fieldWidth = error ? width : labelWidth + valueWidth + 1;
	return (
		<Box width={width}>
			<TextField
				label="Save as segment"
				labelWidth={labelWidth}
				width={fieldWidth}
				valueWidth={valueWidth}
				value={name}
				onChange={value => {
					setName(value);
					setError(undefined);
				}}
				error={error}
				focus
				color={color}
				priority={layerPriority.dialog}
				placeholder="name"
			/>
			{error ? null : <Text dimColor wrap="truncate">{visible(` saves ${describeDefinition(definition)}`)}</Text>}
		</Box>
	);
}

/**
 * `v` on the Customers tab: the saved segments with how many customers each holds now; Enter
 * makes the chosen one the list's filter (its search and status). The first entry goes back
 * to every customer.
 */
export function SegmentPicker({width, height, current, onPick, onClose}: {width: number; height: number; current?: string; onPick: (filter: CustomerFilter | undefined) => void; onClose: () => void}) {
	const {deferMs} = useDesk();
	const segments = useQuery<Segment[]>('segments', ({db}) => listSegments(db));
	const list = segments.value ?? [];
	const counts = useQuery<number[]>(`counts\u0000${list.map(segment => `${segment.id}:${segment.updated_at}`).join(',')}`, async ({db, signal}) => {
		const found: number[] = [];
		for (const segment of list) {
			if (signal.aborted) break;
			found.push(await countSegment(db, segment.definition, new Date(), signal));
		}
		return found;
	}, {background: true, delayMs: deferMs, enabled: segments.value !== undefined});
	// Entry 0 is "every customer"; entry n is segment n - 1. Kept by name: the list is read after the picker opens.
	const [chosenName, setChosenName] = useState<string | undefined>(current);
	const index = chosenName === undefined ? 0 : list.findIndex(segment => segment.name === chosenName) + 1;
	const entries = list.length + 1;
	const setIndex = (at: number) => setChosenName(at === 0 ? undefined : list[at - 1]?.name);
	const chosen = index === 0 ? undefined : list[index - 1];
	useKeyLayer('Segments', segmentPickerKeys, {
		choose: () => onPick(chosen && filterOfSegment(chosen)),
		close: onClose,
		down: () => setIndex(Math.min(entries - 1, index + 1)),
		up: () => setIndex(Math.max(0, index - 1)),
	}, {priority: layerPriority.dialog, exclusive: true});
	const rows = Math.max(1, height - 3);
	const first = Math.max(0, Math.min(index - Math.floor(rows / 2), entries - rows));
	const counted = counts.current ? counts.value : undefined;
	const line = (at: number) => {
		if (at === 0) return `${fitText('(every customer)', 24)} ${fitText('', 16)} no segment: the whole list`;
		const segment = list[at - 1]!;
		const count = counted?.[at - 1];
		return `${fitText(visible(segment.name), 24)} ${fitText(count === undefined ? '…' : `${count.toLocaleString('en')} customer${count === 1 ? '' : 's'}`, 16)} ${visible(describeDefinition(segment.definition))}`;
	};
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold wrap="truncate">Pick a segment as the customers list's filter</Text>
			<Text dimColor wrap="truncate">{segments.value && list.length === 0 ? 'No segments yet: S on the list saves its search and status as one; opsdesk segments add makes richer ones.' : `${list.length} segment${list.length === 1 ? '' : 's'} · customers counted now`}</Text>
			{Array.from({length: Math.min(rows, entries - first)}, (_, offset) => first + offset).map(at => {
				const selected = at === index;
				return (
					<Text key={at} inverse={selected} bold={selected} wrap="truncate">
						{selected ? '› ' : '  '}
						{line(at)}
					</Text>
				);
			})}
		</Box>
	);
}
