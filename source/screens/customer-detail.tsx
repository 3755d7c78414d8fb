import {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import type {Customer} from '../customers/customer-fields.js';
import {getCustomer} from '../customers/customers.js';
import {listInteractions, type Interaction} from '../customers/interactions.js';
import {useDataVersion, useDesk} from '../components/desk-context.js';
import {fitText} from '../components/fit-text.js';
import {layerPriority} from '../keys/bindings.js';
import {useKeyLayer} from '../keys/use-key-layer.js';
import {customerDetailKeys} from './customers-keys.js';
import {customerDetailSections} from './customer-detail-sections.js';

export type CustomerDetailActions = {
	back: () => void;
	edit: (customer: Customer) => void;
	logInteraction: (customer: Customer) => void;
	history: (customer: Customer) => void;
	remove: (customer: Customer) => void;
	restore: (customer: Customer) => void;
};

const labelWidth = 10;

type Field = [label: string, value: string];

/**
 * The fields two to a row (the timeline needs the height more than the fields need the
 * width); notes get a row of their own.
 */
export function customerFieldRows(customer: Customer): Array<[Field, Field?]> {
	const when = (at: string) => at.slice(0, 16).replace('T', ' ');
	return [
		[['Company', customer.company], ['Status', customer.deleted_at ? `deleted ${when(customer.deleted_at)} (was ${customer.status})` : customer.status]],
		[['Email', customer.email], ['Tags', customer.tags.join(', ')]],
		[['Phone', customer.phone], ['City', [customer.city, customer.country].filter(Boolean).join(', ')]],
		[['Address', customer.address.replace(/\s*\n\s*/g, ', ')], ['Updated', `${when(customer.updated_at)} · version ${customer.version} · created ${when(customer.created_at)}`]],
		[['Notes', customer.notes.replace(/\s*\n\s*/g, ' / ')]],
	];
}

/** One timeline row: when, what kind, which way, subject and the start of the body. */
export function formatInteraction(interaction: Interaction, width: number): string {
	const when = interaction.at.slice(0, 16).replace('T', ' ');
	const who = interaction.actor === 'operator' ? '' : ` [${interaction.actor}]`;
	const body = interaction.body ? ` — ${interaction.body.replace(/\s+/g, ' ')}` : '';
	return fitText(`${when}  ${interaction.kind.padEnd(6)} ${interaction.direction.padEnd(3)} ${interaction.subject}${who}${body}`, width).trimEnd();
}

export function CustomerDetail({id, width, height, actions, prompt}: {id: number; width: number; height: number; actions: CustomerDetailActions; prompt?: React.ReactNode}) {
	const {db} = useDesk();
	const dataVersion = useDataVersion();
	const [scroll, setScroll] = useState(0);
	// eslint-disable-next-line react-hooks/exhaustive-deps -- dataVersion: re-read when another process changed the database
	const customer = useMemo(() => getCustomer(db, id), [db, id, dataVersion]);
	// eslint-disable-next-line react-hooks/exhaustive-deps -- dataVersion: re-read when another process changed the database
	const interactions = useMemo(() => listInteractions(db, id, 500), [db, id, dataVersion]);
	const live = customer && !customer.deleted_at;

	const fields = customer ? customerFieldRows(customer) : [];
	const sectionRows = customerDetailSections.reduce((sum, section) => sum + section.rows + 1, 0);
	// Title, fields, sections, a blank line and the timeline's heading; the rest is the timeline.
	const timelineRows = Math.max(1, height - 1 - fields.length - sectionRows - 2);
	const maxScroll = Math.max(0, interactions.length - timelineRows);

	useKeyLayer('Customer', customerDetailKeys, {
		back: actions.back,
		edit: live ? () => actions.edit(customer) : undefined,
		interaction: live ? () => actions.logInteraction(customer) : undefined,
		history: customer ? () => actions.history(customer) : undefined,
		delete: live ? () => actions.remove(customer) : undefined,
		restore: customer?.deleted_at ? () => actions.restore(customer) : undefined,
		down: scroll < maxScroll ? () => setScroll(scroll + 1) : undefined,
		up: scroll > 0 ? () => setScroll(scroll - 1) : undefined,
	}, {priority: layerPriority.view});

	if (!customer) {
		return (
			<Box height={height} width={width}>
				<Text>No customer #{id} (Esc goes back).</Text>
			</Box>
		);
	}
	const shown = interactions.slice(Math.min(scroll, maxScroll), Math.min(scroll, maxScroll) + timelineRows);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Box height={1}>{prompt ?? <Text bold wrap="truncate">{customer.name} <Text dimColor>#{customer.id}</Text></Text>}</Box>
			{fields.map(([left, right]) => {
				const half = right ? Math.floor(width / 2) : width;
				return (
					<Text key={left[0]} wrap="truncate">
						<Text dimColor>{left[0].padEnd(labelWidth)}</Text>
						{right ? `${fitText(left[1], half - labelWidth - 1)} ` : fitText(left[1], width - labelWidth).trimEnd()}
						{right ? <Text dimColor>{right[0].padEnd(labelWidth)}</Text> : null}
						{right ? fitText(right[1], width - half - labelWidth).trimEnd() : null}
					</Text>
				);
			})}
			{customerDetailSections.map(section => (
				<Box key={section.title} flexDirection="column" height={section.rows + 1}>
					<Text bold underline>{section.title}</Text>
					<section.component customer={customer} width={width} height={section.rows} />
				</Box>
			))}
			<Text> </Text>
			<Text bold underline wrap="truncate">
				Interactions ({interactions.length}{interactions.length >= 500 ? '+' : ''}, newest first){maxScroll > 0 ? ` ${scroll + 1}–${Math.min(scroll + timelineRows, interactions.length)}` : ''}
			</Text>
			{interactions.length === 0 ? <Text dimColor>None yet: i logs one.</Text> : null}
			{shown.map(interaction => (
				<Text key={interaction.id} wrap="truncate">{formatInteraction(interaction, width)}</Text>
			))}
		</Box>
	);
}
