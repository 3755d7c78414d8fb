import type {Migration} from './store/migrate.js';
import {createCrmSchema} from './customers/schema.js';
import {customersSchemaPostgres} from './customers/schema-postgres.js';
import {migrateToOneSearchIndex} from './customers/customer-search-index.js';
import {addDryRunMarker, addRobotImagesAndPasses, createRobotSchema} from './robot/schema.js';
import {dryRunMarkerPostgres, robotImagesAndPassesPostgres, robotSchemaPostgres} from './robot/schema-postgres.js';
import {createOrdersSchema} from './orders/schema.js';
import {ordersSchemaPostgres} from './orders/schema-postgres.js';
import {excludeDryRunsFromRobotRollups} from './reports/robot-rollups.js';
import {createDuplicatesSchema, duplicatesSchemaPostgres} from './duplicates/schema.js';
import {excludeDryRunsPostgres, robotReportRollupsPostgres} from './reports/robot-rollups-postgres.js';
import {createAutomationSchema} from './automation/schema.js';
import {automationSchemaPostgres} from './automation/schema-postgres.js';
import {createCustomerDaily, customerDailyPostgres} from './reports/customer-rollup.js';
import {createCustomerPeriodRollups, customerPeriodRollupsPostgres} from './reports/customer-period-rollups.js';
import {createRobotPeriodRollups, robotPeriodRollupsPostgres} from './reports/robot-period-rollups.js';

/**
 * Every schema step opsdesk knows, in order, on both engines. Each feature owns its SQL
 * (customers/, orders/, robot/, reports/; one file per engine); this list only fixes the order.
 * Never edit a released entry: append the next number.
 */
export const migrations: readonly Migration[] = [
	{version: 1, name: 'customers, history, interactions, search', up: createCrmSchema, postgres: customersSchemaPostgres},
	{version: 2, name: 'robot jobs, step logs and applied effects', up: createRobotSchema, postgres: robotSchemaPostgres},
	{version: 3, name: 'orders and report rollups', up: createOrdersSchema, postgres: ordersSchemaPostgres + robotReportRollupsPostgres},
	{
		version: 4,
		name: 'jobs run on the dry-run driver are marked and left out of reports',
		up: db => {
			addDryRunMarker(db);
			excludeDryRunsFromRobotRollups(db);
		},
		postgres: dryRunMarkerPostgres + excludeDryRunsPostgres,
	},
	{
		version: 5,
		name: 'one customer search index for long and short terms',
		up: migrateToOneSearchIndex,
		// PostgreSQL's search reads its own columns, made from search_text since migration 1.
		postgres: 'SELECT 1',
	},
	{
		version: 6,
		name: 'images robots look for, kept with their jobs; effects once per pass of a loop',
		up: addRobotImagesAndPasses,
		postgres: robotImagesAndPassesPostgres,
	},
	{
		version: 7,
		name: 'automation: segments, batches, schedules, record triggers, the email outbox and secrets',
		up: createAutomationSchema,
		postgres: automationSchemaPostgres,
	},
	{
		version: 8,
		name: 'duplicate blocking keys, merged customers and the merge journal',
		up: createDuplicatesSchema,
		postgres: duplicatesSchemaPostgres,
	},
	{version: 9, name: 'new customers per day, kept for the report', up: createCustomerDaily, postgres: customerDailyPostgres},
	{
		version: 10,
		name: 'revenue per customer per quarter and per year, kept for the top customers',
		up: createCustomerPeriodRollups,
		postgres: customerPeriodRollupsPostgres,
	},
	{version: 11, name: 'robot figures per quarter and per year, kept for the report', up: createRobotPeriodRollups, postgres: robotPeriodRollupsPostgres},
];
