import type {Migration} from './store/migrate.js';
import {createCrmSchema} from './customers/schema.js';
import {addDryRunMarker, addRobotImagesAndPasses, createRobotSchema} from './robot/schema.js';
import {createOrdersSchema} from './orders/schema.js';
import {excludeDryRunsFromRobotRollups} from './reports/robot-rollups.js';
import {migrateToOneSearchIndex} from './customers/customer-search-index.js';

/**
 * Every schema step opsdesk knows, in order. Each feature owns its SQL (customers/, orders/, robot/);
 * this list only fixes the order. Never edit a released entry: append the next number.
 */
export const migrations: readonly Migration[] = [
	{version: 1, name: 'customers, history, interactions, search', up: createCrmSchema},
	{version: 2, name: 'robot jobs, step logs and applied effects', up: createRobotSchema},
	{version: 3, name: 'orders and report rollups', up: createOrdersSchema},
	{version: 4, name: 'jobs run on the dry-run driver are marked and left out of reports', up: db => {
		addDryRunMarker(db);
		excludeDryRunsFromRobotRollups(db);
	}},
	{version: 5, name: 'one customer search index for long and short terms', up: migrateToOneSearchIndex},
	{version: 6, name: 'images robots look for, kept with their jobs; effects once per pass of a loop', up: addRobotImagesAndPasses},
];
