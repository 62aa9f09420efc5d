// Postgres and Redis for n8n's queue mode, started from a temporary folder and listening on
// 127.0.0.1 only: used by e2e/queue.mjs (`npm run e2e:queue`). The Debian packages `postgresql`
// and `redis-server` are installed with apt-get when missing (as root, or through `sudo -n`).
// Every server runs in its own process group under coreutils `timeout`, so it stops by itself
// even if the script that started it is killed; `stop()` ends it at once and removes its data.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

import { killGroup, makeTempDir, sleep } from './n8n-runtime.mjs';

/** The longest any server may live: the whole queue run takes minutes, never this long. */
const HARD_STOP_SECONDS = 45 * 60;

function isRoot() {
	return typeof process.getuid === 'function' && process.getuid() === 0;
}

function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? join(root, versions[0], 'bin') : undefined;
}

function hasRedis() {
	try {
		execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/** Installs what is missing with apt-get (Debian/Ubuntu). */
export function ensurePackages({ log = (line) => process.stdout.write(`${line}\n`) } = {}) {
	const missing = [];
	if (!postgresBinDir()) missing.push('postgresql');
	if (!hasRedis()) missing.push('redis-server');
	if (missing.length === 0) return;
	log(`queue: installing ${missing.join(' ')} with apt-get…`);
	const apt = (args) =>
		isRoot()
			? execFileSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
			: execFileSync('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
	apt(['update', '-qq']);
	apt(['install', '-y', '-qq', ...missing]);
	if (!postgresBinDir() || !hasRedis()) throw new Error(`apt-get did not install ${missing.join(' ')}`);
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
async function waitForPort(port, what, child, timeoutMs = 60_000) {
	const t0 = Date.now();
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited during start (code ${child.exitCode})`);
		const open = await new Promise((resolve) => {
			const socket = connect({ host: '127.0.0.1', port }, () => {
				socket.end();
				resolve(true);
			});
			socket.on('error', () => resolve(false));
		});
		if (open) return;
		if (Date.now() - t0 > timeoutMs) throw new Error(`${what} did not listen on ${port} within ${timeoutMs} ms`);
		await sleep(200);
	}
}

function startServer(command, args, { logFile, uid, gid, cwd }) {
	const out = createWriteStream(logFile, { flags: 'a' });
	const child = spawn('timeout', ['-k', '10', String(HARD_STOP_SECONDS), command, ...args], {
		cwd,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		...(uid === undefined ? {} : { uid, gid }),
	});
	child.stdout.pipe(out);
	child.stderr.pipe(out);
	return child;
}

async function stopServer(child, signal) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	// `timeout` forwards the signal to the server it runs.
	killGroup(child.pid, signal);
	let timer;
	await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 15_000)))]);
	clearTimeout(timer);
	killGroup(child.pid, 'SIGKILL');
}

/**
 * Starts Postgres (own cluster: initdb into the temp folder, password authentication, durability
 * off: this data is thrown away) and Redis (no persistence). Returns their settings as n8n env
 * variables and `stop()`. Postgres refuses to run as root: as root it runs as the `postgres` user
 * the Debian package creates.
 */
export async function startQueueServices({ postgresPort, redisPort }) {
	ensurePackages();
	const dir = makeTempDir('ip1-queue-services-');
	const password = `ip1-queue-${Math.random().toString(36).slice(2)}`;
	const children = [];
	let owner = {};
	if (isRoot()) {
		const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
		owner = { uid, gid };
		chownSync(dir, uid, gid);
	}
	const stop = async () => {
		for (const { child, signal } of children.reverse()) await stopServer(child, signal);
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		const bin = postgresBinDir();
		const pgData = join(dir, 'pgdata');
		const socketDir = join(dir, 'sockets');
		mkdirSync(socketDir);
		if (owner.uid !== undefined) chownSync(socketDir, owner.uid, owner.gid);
		const pwFile = join(dir, 'pwfile');
		writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
		if (owner.uid !== undefined) chownSync(pwFile, owner.uid, owner.gid);
		execFileSync(
			join(bin, 'initdb'),
			['-D', pgData, '-U', 'n8n', `--pwfile=${pwFile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--no-locale', '--no-sync'],
			{ stdio: 'ignore', cwd: dir, ...owner },
		);
		rmSync(pwFile);
		const postgres = startServer(
			join(bin, 'postgres'),
			['-D', pgData, '-h', '127.0.0.1', '-p', String(postgresPort), '-k', socketDir, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
			{ logFile: join(dir, 'postgres.log'), cwd: dir, ...owner },
		);
		// SIGINT is Postgres's fast shutdown.
		children.push({ child: postgres, signal: 'SIGINT' });
		await waitForPort(postgresPort, 'postgres', postgres);
		execFileSync(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(postgresPort), '-U', 'n8n', 'n8n'], {
			stdio: 'ignore',
			env: { ...process.env, PGPASSWORD: password },
		});

		const redis = startServer(
			'redis-server',
			['--bind', '127.0.0.1', '--port', String(redisPort), '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'],
			{ logFile: join(dir, 'redis.log'), cwd: dir },
		);
		children.push({ child: redis, signal: 'SIGTERM' });
		await waitForPort(redisPort, 'redis-server', redis);
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		dir,
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgresPort),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: password,
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
		},
		stop,
	};
}
