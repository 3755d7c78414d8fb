import {useState} from 'react';
import {Box, Text} from 'ink';
import type {Customer} from '../customers/customer-fields.js';
import type {Db} from '../store/store.js';
import {getCustomer} from '../customers/customers.js';
import type {DuplicatePair, PairSearchResult} from '../duplicates/candidate-pairs.js';
import {findDuplicatePairsAside} from '../duplicates/pairs-aside.js';
import {dismissPair} from '../duplicates/dismissals.js';
import {mergeCustomers} from '../duplicates/merge.js';
import {undoMerge} from '../duplicates/merge-undo.js';
import {listMerges} from '../duplicates/merge-list.js';
import {useDesk} from '../components/desk-context.js';
import {Confirm} from '../components/confirm.js';
import {fitText} from '../components/fit-text.js';
import {useQuery} from '../hooks/use-query.js';
import {layerPriority} from '../keys/bindings.js';
import {useKeyLayer, useTrackedWork} from '../keys/use-key-layer.js';
import {visible} from '../text/visible.js';
import {duplicatesKeys} from './duplicates-keys.js';
import {compareCustomers, describeMergePlan, describePair, formatComparedRow, formatPairHeading, markLegend} from './duplicates-format.js';

const pairKey = (pair: DuplicatePair) => `${pair.a.id}:${pair.b.id}`;
const named = (customer: {id: number; name: string}) => `#${customer.id} ${customer.name}`;

/** Where the view is: a position, and the pair wanted there when it is still (or again) a pair. */
type At = {index: number; key?: string};

type Sides = {left: Customer; right: Customer};

/** The merges made in this desk, per store (a test's desks never share them), newest last. */
const madeIn = new WeakMap<Db, Made[]>();

/** A merge made here, newest last: u undoes them in turn. */
type Made = {mergeId: number; keep: {id: number; name: string}; other: {id: number; name: string}};

/**
 * The likely duplicates (as `opsdesk duplicates` finds them, most likely first), one pair at a
 * time, the two customers side by side with their differences marked. m merges the right one
 * into the left (after showing what the merge does, and asking), s skips, t marks the pair as
 * two people, u undoes the last merge made in this desk (then the one before).
 */
export function DuplicatesView({width, height, onBack}: {width: number; height: number; onBack: () => void}) {
	const {db, notify, report, changed} = useDesk();
	const track = useTrackedWork();
	// Scanning for pairs takes seconds on a million customers: keys (Esc, q, j/k) do not wait for it.
	const found = useQuery<PairSearchResult>('duplicates', ({db}) => findDuplicatePairsAside(db), {background: true});
	const pairs = found.value?.pairs ?? [];
	const [at, setAt] = useState<At>({index: 0});
	const [made, setMadeHere] = useState<Made[]>(() => madeIn.get(db) ?? []);
	// Kept per store past this view: Esc, a look at the list, D again, and u still undoes.
	const setMade = (change: (list: Made[]) => Made[]) => setMadeHere(list => {
		const next = change(list);
		madeIn.set(db, next);
		return next;
	});
	// A merge shown and asked about: who stays, who goes, and what the merge does.
	const [plan, setPlan] = useState<{left: Customer; right: Customer; lines: string[]}>();
	const wanted = at.key === undefined ? -1 : pairs.findIndex(pair => pairKey(pair) === at.key);
	const index = pairs.length === 0 ? 0 : wanted >= 0 ? wanted : Math.min(at.index, pairs.length - 1);
	const pair = pairs[index];
	const sides = useQuery<Sides | undefined>(pair ? `pair:${pairKey(pair)}` : 'pair:none', async ({db}) => {
		if (!pair) return undefined;
		const [left, right] = await Promise.all([getCustomer(db, pair.a.id), getCustomer(db, pair.b.id)]);
		return left && right ? {left, right} : undefined;
	});
	const customers = sides.current ? sides.value : undefined;
	const go = (to: number) => () => {
		const next = pairs[to];
		if (next) setAt({index: to, key: pairKey(next)});
	};
	const last = made.at(-1);

	const attempt = (work: () => Promise<void>) => {
		track(work()).catch(report);
	};
	const askMerge = (left: Customer, right: Customer) => attempt(async () => {
		// What the merge would do, worked out by the merge itself and rolled back: nothing is written.
		const dry = await mergeCustomers(db, left.id, [right.id], {dryRun: true});
		setPlan({left, right, lines: describeMergePlan(dry)});
	});
	const merge = (left: Customer, right: Customer) => attempt(async () => {
		setPlan(undefined);
		const result = await mergeCustomers(db, left.id, [right.id], {origin: {actor: 'operator'}});
		setMade(list => [...list, {mergeId: result.mergeId!, keep: {id: left.id, name: result.keep.name}, other: {id: right.id, name: right.name}}]);
		// The next pair slides into this place.
		setAt({index});
		changed();
		notify(visible(`Merged ${named(right)} into ${named(result.keep)} (merge #${result.mergeId}); u undoes it`), 'success');
	});
	const dismiss = (shownPair: DuplicatePair) => attempt(async () => {
		const {a, b} = await dismissPair(db, shownPair.a.id, shownPair.b.id, {actor: 'operator'});
		setAt({index});
		changed();
		notify(visible(`Marked ${named(a)} and ${named(b)} as two people; not shown again (opsdesk duplicates dismiss ${a.id} ${b.id} --undo takes it back)`), 'success');
	});
	const undo = (merge: Made) => attempt(async () => {
		// Refusals (the kept customer changed since) come back as the command's message: nothing changed.
		let result;
		try {
			result = await undoMerge(db, merge.mergeId, {origin: {actor: 'operator'}});
		} catch (error) {
			// Undone elsewhere meanwhile (the command line, another desk): off the list, so u reaches the merge before it.
			const entry = (await listMerges(db, 1000)).find(listed => listed.id === merge.mergeId);
			if (entry?.undone_at) setMade(list => list.filter(listed => listed !== merge));
			throw error;
		}
		setMade(list => list.filter(entry => entry !== merge));
		// The pair shows again, where it sorts.
		setAt({index, key: `${Math.min(merge.keep.id, merge.other.id)}:${Math.max(merge.keep.id, merge.other.id)}`});
		changed();
		notify(visible(`Undid merge #${merge.mergeId}: ${named(result.keep)} is as before; ${result.others.map(named).join(', ')} back`), 'success');
	});

	useKeyLayer('Duplicates', duplicatesKeys, {
		back: onBack,
		merge: customers && !plan ? () => askMerge(customers.left, customers.right) : undefined,
		skip: pairs.length > 1 ? go((index + 1) % pairs.length) : undefined,
		dismiss: pair ? () => dismiss(pair) : undefined,
		undo: last ? () => undo(last) : undefined,
		down: index < pairs.length - 1 ? go(index + 1) : undefined,
		up: index > 0 ? go(index - 1) : undefined,
		top: index > 0 ? go(0) : undefined,
		bottom: index < pairs.length - 1 ? go(pairs.length - 1) : undefined,
	}, {priority: layerPriority.view});

	const result = found.value;
	const dismissed = result && result.dismissed > 0 ? ` · ${result.dismissed.toLocaleString('en')} marked as two people left out` : '';
	// Asked until answered, even if the pair left the list meanwhile (then the merge says why it cannot).
	const question = plan ? (
		<Confirm
			question={`Merge ${named(plan.right)} into ${named(plan.left)}?`}
			onNo={() => setPlan(undefined)}
			onYes={() => merge(plan.left, plan.right)}
		/>
	) : undefined;

	let body: React.ReactNode;
	if (!result) {
		body = <Text dimColor>  Looking for likely duplicates…</Text>;
	} else if (!pair) {
		body = <Text>{`  No likely duplicates: every customer looks like one person${dismissed ? ` (${result.dismissed.toLocaleString('en')} pairs marked as two people left out)` : ''}.${last ? ' u undoes the last merge.' : ''}`}</Text>;
	} else {
		const rows = customers ? compareCustomers(customers.left, customers.right) : [];
		body = (
			<>
				<Text bold wrap="truncate">{formatPairHeading(customers?.left ?? pair.a, customers?.right ?? pair.b, width)}</Text>
				{rows.map(row => (
					<Box key={row.label} flexShrink={0}>
						<Text wrap="truncate" bold={row.mark !== 'same'}>{formatComparedRow(row, width)}</Text>
					</Box>
				))}
				<Text dimColor wrap="truncate">{fitText(markLegend, width).trimEnd()}</Text>
			</>
		);
	}
	const title = result && pair ? describePair(pair, index, pairs.length, result.dismissed) : result ? `no likely duplicates${dismissed}` : '…';
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Box height={1} flexShrink={0}>{question ?? <Text bold wrap="truncate">Duplicates <Text bold={false}>{`· ${visible(title)}`}</Text></Text>}</Box>
			{/* While asking: what the merge does comes first; the comparison below gets what room is left. */}
			{plan ? (
				<Box flexDirection="column" flexShrink={0} marginBottom={1}>
					{plan.lines.map(line => <Text key={line}>{visible(line)}</Text>)}
				</Box>
			) : null}
			<Box flexDirection="column" flexGrow={1} overflow="hidden">
				{body}
			</Box>
		</Box>
	);
}
