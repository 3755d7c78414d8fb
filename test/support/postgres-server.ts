import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway PostgreSQL cluster for one test run: initdb into a temp folder, pg_ctl start on
 * a free loopback port, stopped and removed at the end. As root (CI), the cluster runs as the
 * `postgres` user, which PostgreSQL requires. Debian's postgresql package provides the binaries.
 */
export type PostgresServer = {url: string; stop: () => void};

export function postgresBinaries(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const versions = fs.readdirSync(root).filter(name => fs.existsSync(path.join(root, name, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
	return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/**
 * `durable`: fsync and synchronous commit on, as a production server runs (the benchmarks);
 * tests leave them off, since a test cluster that dies is thrown away anyway.
 */
export async function startPostgres(bin: string, options: {durable?: boolean} = {}): Promise<PostgresServer> {
	const asRoot = process.getuid?.() === 0;
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-pg-'));
	const run = (program: string, args: string[]) => {
		const command = asRoot ? 'runuser' : path.join(bin, program);
		const argv = asRoot ? ['-u', 'postgres', '--', path.join(bin, program), ...args] : args;
		execFileSync(command, argv, {stdio: ['ignore', 'ignore', 'pipe']});
	};
	if (asRoot) execFileSync('chown', ['postgres', folder]);
	const data = path.join(folder, 'data');
	run('initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
	const port = await freePort();
	const speed = options.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
	run('pg_ctl', ['-D', data, '-w', '-l', path.join(folder, 'server.log'), '-o',
		`-p ${port} -k ${folder} -c listen_addresses=127.0.0.1${speed} -c max_connections=200`, 'start']);
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		stop() {
			const stop = asRoot
				? spawnSync('runuser', ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop'], {stdio: 'ignore'})
				: spawnSync(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], {stdio: 'ignore'});
			void stop;
			fs.rmSync(folder, {recursive: true, force: true});
		},
	};
}
