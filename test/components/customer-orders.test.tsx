import {describe, expect, it} from 'vitest';
import {render} from 'ink-testing-library';
import {tempDatabase} from '../support/temp-db.js';
import {seedReportFixture} from '../reports/report-fixture.js';
import {CustomerOrders} from '../../source/components/customer-orders.js';
import {DataVersionProvider, DeskProvider, type Desk} from '../../source/components/desk-context.js';

describe('customer orders in the detail view', () => {
	it('shows lifetime revenue per currency and the newest orders', () => {
		const {db} = tempDatabase();
		const {ada} = seedReportFixture(db);
		const desk: Desk = {db, databasePath: db.name, color: false, notify() {}, report() {}, changed() {}, deferMs: 0};
		const app = render(
			<DeskProvider value={desk}>
				<DataVersionProvider value={0}>
					<CustomerOrders customerId={ada} width={90} height={4} />
				</DataVersionProvider>
			</DeskProvider>,
		);
		const lines = (app.lastFrame() ?? '').split('\n').map(line => line.trimEnd());
		expect(lines).toEqual([
			'3 orders · lifetime revenue 150.50 EUR · 10.00 USD',
			'R-7           2026-02-28  won              10.00 USD',
			'R-2           2026-01-31  won              50.50 EUR',
			'… 1 older (opsdesk orders list --customer 1)',
		]);
		app.unmount();
	});
});
