import {keyTable} from '../keys/bindings.js';
import {backKeys, scrollKeys} from '../keys/scroll-keys.js';

/** The Robots tab's keys: the queue above, the selected job's step log below. */
export const robotQueueKeys = keyTable([
	{id: 'open', keys: ['enter'], label: 'detail', help: "Show the selected job: its fields, its whole log and a failed step's screenshot"},
	{id: 'retry', keys: ['r'], label: 'retry', help: 'Queue the selected failed or cancelled job again'},
	{id: 'cancel', keys: ['x'], label: 'cancel', help: 'Cancel the selected queued or running job (asks first)'},
	{id: 'follow', keys: ['f'], label: 'follow', help: 'Pause or resume following new log lines of the selected job'},
	{id: 'level', keys: ['l'], label: 'level', help: 'Cycle which log lines show: all, info and worse, warn and worse, errors'},
	{id: 'status', keys: ['s'], label: 'status', help: 'Show all jobs or only queued, running, succeeded, failed or cancelled ones (cycles)'},
	{id: 'automation', keys: ['a'], label: 'schedules', help: 'Show the schedules, record triggers and batches (with their progress)'},
	{id: 'down', keys: ['j', 'down'], label: 'down', help: 'Next job', footer: false},
	{id: 'up', keys: ['k', 'up'], label: 'up', help: 'Previous job', footer: false},
	{id: 'pageDown', keys: ['pgdn'], label: 'page down', help: 'Scroll the log down a page (at its end it follows new lines again)', footer: false},
	{id: 'pageUp', keys: ['pgup'], label: 'page up', help: 'Scroll the log up a page (stops following)', footer: false},
	{id: 'top', keys: ['g', 'home'], label: 'top', help: 'Newest job', footer: false},
	{id: 'bottom', keys: ['G', 'end'], label: 'bottom', help: 'Oldest job shown', footer: false},
]);

export const jobDetailKeys = keyTable([
	...backKeys('queue'),
	{id: 'retry', keys: ['r'], label: 'retry', help: 'Queue this failed or cancelled job again'},
	{id: 'cancel', keys: ['x'], label: 'cancel', help: 'Cancel this queued or running job (asks first)'},
	...scrollKeys('log'),
]);

export const robotPickerKeys = keyTable([
	{id: 'choose', keys: ['enter'], label: 'queue', help: 'Queue the selected robot for this customer'},
	{id: 'close', keys: ['esc', 'backspace'], label: 'close', help: 'Close without queueing anything'},
	{id: 'down', keys: ['j', 'down'], label: 'down', help: 'Next robot', footer: false},
	{id: 'up', keys: ['k', 'up'], label: 'up', help: 'Previous robot', footer: false},
]);

/** The schedules, triggers and batches view, opened with `a` from the job queue. */
export const robotAutomationKeys = keyTable([
	...backKeys('job queue'),
	{id: 'pause', keys: ['p'], label: 'pause/resume', help: 'Pause the selected schedule or trigger, or resume it (as the pause and resume commands of `opsdesk schedules` and `opsdesk triggers` do; a resumed schedule starts from now, a resumed trigger fires for changes from now on)'},
	{id: 'down', keys: ['j', 'down'], label: 'down', help: 'Next schedule or trigger', footer: false},
	{id: 'up', keys: ['k', 'up'], label: 'up', help: 'Previous schedule or trigger', footer: false},
]);
