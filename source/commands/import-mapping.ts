import type {CustomerFields} from '../customers/customer-fields.js';
import type {MappingOptions} from '../moving-in/column-plan.js';
import {parseMapFlag, parseStatusMapFlag} from '../moving-in/map-flags.js';
import {describeFields} from '../moving-in/plan-text.js';
import {visible} from '../text/visible.js';
import type {CommandContext, CommandFlags} from './command.js';

/** The flags of `import customers` that read other systems' exports (source/moving-in). */
export const mappingFlags: CommandFlags = {
	map: {type: 'string', isMultiple: true},
	statusMap: {type: 'string'},
	extra: {type: 'string', choices: ['notes', 'ignore']},
};

export function mappingOptions(context: CommandContext): MappingOptions | undefined {
	const maps = context.flags.map as string[] | undefined;
	const statusMap = context.flags.statusMap as string | undefined;
	const extra = context.flags.extra as MappingOptions['extra'];
	if (!maps && statusMap === undefined && extra === undefined) return undefined;
	return {
		rules: (maps ?? []).flatMap(parseMapFlag),
		statuses: statusMap === undefined ? [] : [...parseStatusMapFlag(statusMap)],
		extra,
	};
}

/** `--dry-run` shows the first rows as they would be imported, after the mapping and the checks. */
export class DryRunPreview {
	private shown = 0;

	constructor(private readonly context: CommandContext, private readonly rows = 5) {}

	readonly take = (line: number, fields: CustomerFields): void => {
		if (this.shown === 0) this.context.print('first rows as they would be imported:');
		if (this.shown++ < this.rows) this.context.print(visible(describeFields(line, fields)));
	};

	end(): void {
		if (this.shown > this.rows) this.context.print(`  … and ${this.shown - this.rows} more`);
	}
}
