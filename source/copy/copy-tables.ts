import {UserError} from '../store/errors.js';

/** One table as an engine stores it: its copied columns (generated ones left out), key and references. */
export type TableShape = {
	name: string;
	columns: string[];
	/** Rows are read, written and checked in this order on both engines (text keys compare bytewise on both). */
	primaryKey: string[];
	/** Tables its foreign keys point at: they are filled first. */
	references: string[];
};

/** A table as the copy moves it: the columns both engines store, in the destination's order. */
export type CopyTable = {name: string; columns: string[]; primaryKey: string[]};

/** A batch of rows, each the values of `columns` in order. */
export type RowBatch = unknown[][];

/** What both ends of a copy hold: the same tables, as the same schema version makes them. */
export function planCopy(source: readonly TableShape[], destination: readonly TableShape[], shown: {from: string; to: string}): CopyTable[] {
	const bySource = new Map(source.map(table => [table.name, table]));
	const byDestination = new Map(destination.map(table => [table.name, table]));
	const onlySource = source.filter(table => !byDestination.has(table.name)).map(table => table.name);
	const onlyDestination = destination.filter(table => !bySource.has(table.name)).map(table => table.name);
	if (onlySource.length > 0 || onlyDestination.length > 0) {
		const parts = [
			onlySource.length > 0 ? `${onlySource.join(', ')} only in ${shown.from}` : '',
			onlyDestination.length > 0 ? `${onlyDestination.join(', ')} only in ${shown.to}` : '',
		].filter(Boolean);
		throw new UserError(`the two databases do not have the same tables (${parts.join('; ')}); both must come from this opsdesk`);
	}
	const plan: CopyTable[] = [];
	for (const table of fillOrder(destination)) {
		const from = bySource.get(table.name)!;
		const missing = table.columns.filter(column => !from.columns.includes(column));
		const extra = from.columns.filter(column => !table.columns.includes(column));
		if (missing.length > 0 || extra.length > 0) {
			throw new UserError(`table ${table.name} has different columns in ${shown.from} and ${shown.to} (${[...missing, ...extra].join(', ')}); both must come from this opsdesk`);
		}
		if (table.primaryKey.length === 0) throw new UserError(`table ${table.name} has no primary key; copy-database cannot check it row by row`);
		plan.push({name: table.name, columns: table.columns, primaryKey: table.primaryKey});
	}
	return plan;
}

/** Tables in an order where every table comes after the ones it references (foreign keys hold at every insert). */
function fillOrder(tables: readonly TableShape[]): TableShape[] {
	const byName = new Map(tables.map(table => [table.name, table]));
	const ordered: TableShape[] = [];
	const placed = new Set<string>();
	const visiting = new Set<string>();
	const visit = (table: TableShape) => {
		if (placed.has(table.name) || visiting.has(table.name)) return;
		visiting.add(table.name);
		for (const name of table.references) {
			const referenced = byName.get(name);
			if (referenced && referenced !== table) visit(referenced);
		}
		visiting.delete(table.name);
		placed.add(table.name);
		ordered.push(table);
	};
	for (const table of [...tables].sort((a, b) => (a.name < b.name ? -1 : 1))) visit(table);
	return ordered;
}
