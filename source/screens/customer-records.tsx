import type {Interaction} from '../customers/interactions.js';
import type {Order} from '../orders/order-fields.js';
import {formatMoney} from '../orders/order-fields.js';
import {customerViewKeys} from './customers-keys.js';
import {RecordView} from './record-view.js';

const when = (at: string) => at.slice(0, 16).replace('T', ' ');

/** An order opened from the customer detail: every field and its whole note. */
export function OrderView({order, width, height, onBack}: {order: Order; width: number; height: number; onBack: () => void}) {
	return (
		<RecordView
			keysTitle="Order"
			keys={customerViewKeys}
			title={`Order ${order.number} (#${order.id})`}
			fields={[
				['Status', order.status],
				['Amount', formatMoney(order.amount, order.currency)],
				['Placed', order.placed_at],
				['Closed', order.closed_at ?? '—'],
				['Customer', `#${order.customer_id}`],
				['Updated', `${when(order.updated_at)} · created ${when(order.created_at)}`],
			]}
			textLabel="Note"
			text={order.note}
			width={width}
			height={height}
			onBack={onBack}
		/>
	);
}

/** An interaction opened from the customer detail: when, who, what, and its whole body. */
export function InteractionView({interaction, width, height, onBack}: {interaction: Interaction; width: number; height: number; onBack: () => void}) {
	return (
		<RecordView
			keysTitle="Interaction"
			keys={customerViewKeys}
			title={interaction.subject}
			fields={[
				['When', when(interaction.at)],
				['Kind', `${interaction.kind}, ${interaction.direction === 'in' ? 'in (from the customer)' : 'out (to the customer)'}`],
				['By', interaction.job_id === null ? interaction.actor : `${interaction.actor} (robot job #${interaction.job_id})`],
			]}
			textLabel="Body"
			text={interaction.body}
			width={width}
			height={height}
			onBack={onBack}
		/>
	);
}
