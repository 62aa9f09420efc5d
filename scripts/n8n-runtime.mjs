// Shared plumbing for running the REAL n8n application against the iP.1 sandbox:
// process groups, n8n CLI commands (import/execute), `n8n start`, and a small REST client
// (owner setup, login, workflows, executions). Used by scripts/n8n-dev.mjs, e2e/run.mjs,
// bench/n8n-bench.mjs and scripts/n8n-screenshots.mjs.
import { spawn } from 'node:child_process';
import { closeSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * Where `tsc -p tsconfig.tools.json` puts the compiled sandbox and benchmarks: inside node_modules,
 * because `n8n-node lint` lints every file of the repo except dist/ and node_modules/, and compiled
 * dev tools are not meant to pass the community-node rules.
 */
export const TOOLS_DIR = ['node_modules', '.cache', 'ip1sms-tools'];
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Owner account created in every n8n these scripts start (documented in docs/real-n8n.md). */
export const DEMO_OWNER = {
	email: 'demo@ip1-sandbox.test',
	firstName: 'Demo',
	lastName: 'User',
	password: 'Ip1-Sandbox-Demo1',
};
// n8n binds the auth cookie to a browser id sent as a header; any stable string works for scripts.
const BROWSER_ID = 'ip1-e2e-browser';

export function makeTempDir(prefix) {
	return mkdtempSync(join(tmpdir(), prefix));
}

/** Environment for any n8n command of this project: our package loaded, sqlite, no phoning home. */
export function n8nEnv(n8n, { userFolder, port = 5678, extra = {} } = {}) {
	const env = { ...process.env };
	for (const key of Object.keys(env)) if (key.startsWith('npm_') || key.startsWith('N8N_')) delete env[key];
	if (n8n.nodeBinDir) env.PATH = `${n8n.nodeBinDir}:${env.PATH}`;
	Object.assign(env, {
		N8N_USER_FOLDER: userFolder,
		N8N_CUSTOM_EXTENSIONS: join(repoRoot, 'dist'),
		DB_TYPE: 'sqlite',
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_ENCRYPTION_KEY: 'ip1-sandbox-local-encryption-key',
		N8N_RUNNERS_ENABLED: 'true',
		N8N_LOG_LEVEL: 'info',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		NODE_OPTIONS: '--max-old-space-size=4096',
	});
	Object.assign(env, n8n.env ?? {}, extra);
	return env;
}

/** Runs an n8n CLI command to completion. Resolves { code, stdout, stderr, ms }. */
export function n8nCli(n8n, args, { env, timeoutMs = 300_000, onSpawn, stdoutFile } = {}) {
	return new Promise((resolvePromise, reject) => {
		const t0 = Date.now();
		// A large --rawOutput is cut off when stdout is a pipe (the CLI exits before the pipe drains):
		// `stdoutFile` sends it to a file, where writes are synchronous.
		const fd = stdoutFile ? openSync(stdoutFile, 'w') : null;
		const child = spawn(n8n.node, [n8n.bin, ...args], {
			env,
			cwd: env.N8N_USER_FOLDER,
			stdio: ['ignore', fd ?? 'pipe', 'pipe'],
			detached: true,
		});
		if (fd !== null) closeSync(fd);
		onSpawn?.(child);
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (c) => (stdout += c));
		child.stderr.on('data', (c) => (stderr += c));
		const timer = setTimeout(() => {
			killGroup(child.pid, 'SIGKILL');
			reject(new Error(`n8n ${args.join(' ')} timed out after ${timeoutMs} ms\n${stdout}\n${stderr}`));
		}, timeoutMs);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			// `execute` leaves its task runner behind on some versions: clean the whole group.
			killGroup(child.pid, 'SIGKILL');
			if (stdoutFile) stdout = readFileSync(stdoutFile, 'utf8');
			resolvePromise({ code, stdout, stderr, ms: Date.now() - t0 });
		});
	});
}

export function killGroup(pid, signal = 'SIGTERM') {
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		return false;
	}
}

function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Stops a process group started with detached:true: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopGroup(child, graceMs = 10_000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) {
		if (child) killGroup(child.pid, 'SIGKILL');
		return;
	}
	const exited = new Promise((r) => child.once('exit', r));
	killGroup(child.pid, 'SIGTERM');
	const t = Date.now();
	await Promise.race([exited, sleep(graceMs)]);
	// The group may still hold the task runner after the main process left.
	while (Date.now() - t < graceMs && alive(-child.pid)) await sleep(100);
	killGroup(child.pid, 'SIGKILL');
}

/**
 * `n8n start` in its own process group, logging to `logFile`. Resolves when the REST API answers.
 * Returns { child, baseUrl, logFile, startMs }.
 */
export async function startN8n(n8n, env, { logFile, timeoutMs = 180_000, echo = false } = {}) {
	const port = Number(env.N8N_PORT);
	const baseUrl = `http://127.0.0.1:${port}`;
	if (await answers(`${baseUrl}/healthz`)) throw new Error(`something already listens on ${baseUrl}: stop it first`);
	mkdirSync(dirname(logFile), { recursive: true });
	const out = createWriteStream(logFile, { flags: 'a' });
	const t0 = Date.now();
	const child = spawn(n8n.node, [n8n.bin, 'start'], { env, cwd: env.N8N_USER_FOLDER, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	child.stdout.pipe(out, { end: false });
	child.stderr.pipe(out, { end: false });
	if (echo) {
		child.stdout.on('data', (c) => process.stdout.write(prefixLines('[n8n] ', c)));
		child.stderr.on('data', (c) => process.stderr.write(prefixLines('[n8n] ', c)));
	}
	let exited = false;
	child.on('exit', () => (exited = true));
	for (;;) {
		if (exited) throw new Error(`n8n exited during start; see ${logFile}:\n${tail(logFile)}`);
		if (Date.now() - t0 > timeoutMs) {
			await stopGroup(child);
			throw new Error(`n8n did not answer within ${timeoutMs} ms; see ${logFile}:\n${tail(logFile)}`);
		}
		// /healthz answers before the REST API is ready: wait for /rest/settings.
		if (await answers(`${baseUrl}/rest/settings`)) break;
		await sleep(250);
	}
	return { child, baseUrl, logFile, startMs: Date.now() - t0 };
}

function prefixLines(prefix, chunk) {
	return chunk
		.toString()
		.split('\n')
		.map((line, i, all) => (i === all.length - 1 && line === '' ? '' : prefix + line))
		.join('\n');
}

function tail(file, chars = 3000) {
	try {
		return readFileSync(file, 'utf8').slice(-chars);
	} catch {
		return '';
	}
}

async function answers(url) {
	try {
		const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
		return res.status === 200;
	} catch {
		return false;
	}
}

/** Loads a module from the n8n install (e.g. 'flatted' to read execution data). */
export function requireFromN8n(n8n, name) {
	return createRequire(join(n8n.dir, 'package.json'))(name);
}

/** A REST client with n8n's auth cookie. */
export class N8nRest {
	constructor(baseUrl) {
		this.baseUrl = baseUrl;
		this.cookie = '';
	}

	async request(method, path, body, { expect = [200] } = {}) {
		const res = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': BROWSER_ID,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = res.headers.getSetCookie?.() ?? [];
		for (const c of setCookie) if (c.startsWith('n8n-auth=')) this.cookie = c.split(';')[0];
		const text = await res.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		if (expect && !expect.includes(res.status)) {
			throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
		}
		return { status: res.status, json, data: json?.data, text };
	}

	get(path, opts) {
		return this.request('GET', path, undefined, opts);
	}
	post(path, body, opts) {
		return this.request('POST', path, body ?? {}, opts);
	}
	patch(path, body, opts) {
		return this.request('PATCH', path, body ?? {}, opts);
	}

	/** Creates the owner once per user folder (ignored when it exists), then logs in. */
	async ownerAndLogin(owner = DEMO_OWNER) {
		// Routes are registered in stages after /rest/settings answers: retry while they are 404.
		for (let i = 0; ; i++) {
			const setup = await this.post('/rest/owner/setup', owner, { expect: null });
			if (setup.status !== 404) break;
			if (i > 120) throw new Error('POST /rest/owner/setup stayed 404 for 60 s');
			await sleep(500);
		}
		const login = await this.post(
			'/rest/login',
			{ emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password },
			{ expect: null },
		);
		if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.text.slice(0, 300)}`);
		return login.data;
	}
}

/** Writes JSON to a file (creating folders) and returns its path. */
export function writeJson(file, value) {
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, JSON.stringify(value, null, 2));
	return file;
}

export function fileExists(path) {
	return existsSync(path);
}

/** Builds the package and the tools (sandbox into node_modules/.cache/ip1sms-tools/) unless IP1_SKIP_BUILD=1. */
export async function buildPackage({ quiet = true } = {}) {
	if (process.env.IP1_SKIP_BUILD === '1' && existsSync(join(repoRoot, 'dist')) && existsSync(join(repoRoot, ...TOOLS_DIR, 'sandbox'))) return;
	const run = (cmd, args) =>
		new Promise((res, rej) => {
			const child = spawn(cmd, args, { cwd: repoRoot, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
			let out = '';
			child.stdout?.on('data', (c) => (out += c));
			child.stderr?.on('data', (c) => (out += c));
			child.on('close', (code) => (code === 0 ? res() : rej(new Error(`${cmd} ${args.join(' ')} failed:\n${out}`))));
		});
	await run('npm', ['run', '--silent', 'build']);
	await run(join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.tools.json']);
}

/** The compiled sandbox (CommonJS in node_modules/.cache/ip1sms-tools/). */
export async function loadSandbox() {
	const require = createRequire(import.meta.url);
	return require(join(repoRoot, ...TOOLS_DIR, 'sandbox', 'index.js'));
}
