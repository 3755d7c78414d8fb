import {secretKeyFile, secretKeyForWriting} from '../secrets/key-file.js';
import {readSecretValue} from '../secrets/read-value.js';
import {checkSecretName, deleteSecret, listSecrets, setSecret} from '../secrets/secrets.js';
import {exitCodes} from '../store/errors.js';
import {visible} from '../text/visible.js';
import type {Command, CommandContext} from './command.js';
import {printJson, usageError} from './arguments.js';
import {formatTable} from './table.js';

function nameArgument(command: Command, context: CommandContext): string {
	const [name, ...extra] = context.args;
	if (name === undefined) throw usageError(command, 'missing NAME');
	if (extra.length > 0) {
		// `secrets set smtp smtp://user:pass@…` would put the value in shell history: refuse it, without repeating it.
		throw usageError(command, command === set
			? 'the value is read from standard input, never from the command line (it would stay in shell history and show in ps); run `opsdesk secrets set NAME` and type it, or pipe it in'
			: `unexpected argument "${visible(extra[0]!)}"`);
	}
	checkSecretName(name);
	return name;
}

const set: Command = {
	name: 'secrets set',
	summary: 'store a secret (a password, a token, the SMTP server URL) encrypted; the value comes from standard input and is never shown',
	usage: 'secrets set NAME   (value on standard input)',
	flags: {},
	async run(context) {
		const name = nameArgument(set, context);
		const value = await readSecretValue(context.stdin, text => context.say(text.replace(/\n$/, '')), name);
		const file = secretKeyFile(context.target);
		const key = secretKeyForWriting(file);
		const replaced = await setSecret(await context.store(), key, name, value);
		context.say(`${replaced ? 'replaced' : 'stored'} secret ${name} (AES-256-GCM, key ${key.id} in ${visible(file)}; keep a copy of that file: without it no secret opens)`);
	},
};

const list: Command = {
	name: 'secrets list',
	summary: 'the names of the stored secrets and when they were set (never their values)',
	usage: 'secrets list [--json]',
	flags: {json: {type: 'boolean'}},
	async run(context) {
		if (context.args.length > 0) throw usageError(list, `unexpected argument "${visible(context.args[0]!)}"`);
		const secrets = await listSecrets(await context.store());
		if (context.flags.json === true) return printJson(context, secrets);
		if (secrets.length === 0) {
			context.say('no secrets stored (opsdesk secrets set NAME)');
			return exitCodes.ok;
		}
		context.print(formatTable([{heading: 'NAME'}, {heading: 'SET'}, {heading: 'CHANGED'}], secrets.map(secret => [secret.name, secret.created_at, secret.updated_at])));
	},
};

const remove: Command = {
	name: 'secrets delete',
	summary: 'delete a stored secret (robots that use it then fail, saying which secret is missing)',
	usage: 'secrets delete NAME',
	flags: {},
	async run(context) {
		const name = nameArgument(remove, context);
		await deleteSecret(await context.store(), name);
		context.say(`deleted secret ${name}`);
	},
};

export const secretCommands: Command[] = [set, list, remove];
