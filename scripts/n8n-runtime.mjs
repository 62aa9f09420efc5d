// Shared plumbing for running the REAL n8n application against the iP.1 sandbox:
// process groups, n8n CLI commands (import/execute), `n8n start`, and a small REST client
// (owner setup, login, workflows, executions). Used by scripts/n8n-dev.mjs, e2e/run.mjs,
// bench/n8n-bench.mjs and scripts/n8n-screenshots.mjs.
import { spawn } from 'node:child_process';
import { closeSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
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

/**
 * Environment for any n8n command of this project: sqlite, no phoning home, our package loaded from dist/
 * through N8N_CUSTOM_EXTENSIONS (`customExtensions: false` leaves it out: the package is then installed in
 * the user folder's .n8n/nodes, as the Community Nodes panel installs it).
 */
export function n8nEnv(n8n, { userFolder, port = 5678, extra = {}, customExtensions = true } = {}) {
	const env = { ...process.env };
	for (const key of Object.keys(env)) if (key.startsWith('npm_') || key.startsWith('N8N_')) delete env[key];
	if (n8n.nodeBinDir) env.PATH = `${n8n.nodeBinDir}:${env.PATH}`;
	Object.assign(env, {
		N8N_USER_FOLDER: userFolder,
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
	if (customExtensions) env.N8N_CUSTOM_EXTENSIONS = join(repoRoot, 'dist');
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
 * `n8n start` in its own process group, logging to `logFile`. Resolves when the REST API answers with
 * JSON (see `restReady`), not merely with a 200. Returns { child, baseUrl, logFile, startMs }.
 * `onWait(seconds)` is called about every 15 s while n8n is starting (progress lines).
 */
export async function startN8n(n8n, env, { logFile, timeoutMs = 240_000, echo = false, onWait } = {}) {
	const port = Number(env.N8N_PORT);
	const baseUrl = `http://127.0.0.1:${port}`;
	// Never talk to a program we did not start: the port must be free before n8n takes it.
	if (!(await portIsFree(port))) throw new Error(`something already listens on ${baseUrl}: stop it first`);
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
	let lastReport = t0;
	for (;;) {
		if (exited) throw new Error(`n8n exited during start; see ${logFile}:\n${tail(logFile)}`);
		if (Date.now() - t0 > timeoutMs) {
			await stopGroup(child);
			throw new Error(`n8n's REST API did not answer with JSON within ${timeoutMs / 1000} s; see ${logFile}:\n${tail(logFile)}`);
		}
		if (await restReady(baseUrl)) break;
		if (onWait && Date.now() - lastReport >= 15_000) {
			lastReport = Date.now();
			onWait(Math.round((Date.now() - t0) / 1000));
		}
		await sleep(250);
	}
	return { child, baseUrl, logFile, startMs: Date.now() - t0 };
}

/**
 * Whether n8n's REST API is up. `/healthz` answers before it is, and while n8n starts every `/rest/*`
 * path answers 200 with an HTML page ("n8n is starting up. Please wait"): only a JSON settings object counts.
 */
export async function restReady(baseUrl) {
	const res = await fetchJson(`${baseUrl}/rest/settings`);
	return res.status === 200 && isPlainObject(res.json?.data) && isPlainObject(res.json.data.userManagement);
}

/** GET `url` with a short timeout: { status, json (undefined unless the answer is JSON) }; status 0 = no answer. */
async function fetchJson(url) {
	try {
		const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
		const text = await res.text();
		return { status: res.status, json: parseJsonAnswer(res.headers.get('content-type'), text) };
	} catch {
		return { status: 0, json: undefined };
	}
}

/** The body as JSON only when the server said it is JSON and it parses; otherwise undefined. */
function parseJsonAnswer(contentType, text) {
	if (!/\bjson\b/i.test(contentType ?? '') || !text) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

const isPlainObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether nothing listens on 127.0.0.1:`port` (binding fails if any program holds it there or on all
 * addresses). Checked before starting anything on a port, so that no request reaches someone else's server.
 */
export function portIsFree(port) {
	return new Promise((resolvePromise) => {
		const server = createServer();
		server.once('error', () => resolvePromise(false));
		server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolvePromise(true)));
	});
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

	/**
	 * One request. Resolves { status, json, data, text, isJson }: `isJson` only when n8n said JSON and it
	 * parsed (n8n answers HTML pages for unknown or not-yet-registered routes, and while it starts).
	 * `expect`: statuses that resolve (others throw); null accepts any answer. A failed connection
	 * resolves status 0 when `expect` is null, and throws otherwise.
	 */
	async request(method, path, body, { expect = [200], timeoutMs = 30_000 } = {}) {
		let res;
		try {
			res = await fetch(`${this.baseUrl}${path}`, {
				method,
				headers: {
					'content-type': 'application/json',
					'browser-id': BROWSER_ID,
					...(this.cookie ? { cookie: this.cookie } : {}),
				},
				body: body === undefined ? undefined : JSON.stringify(body),
				signal: AbortSignal.timeout(timeoutMs),
			});
		} catch (error) {
			if (expect) throw new Error(`${method} ${path}: no answer (${error.message})`);
			return { status: 0, json: undefined, data: undefined, text: String(error.message), isJson: false };
		}
		const setCookie = res.headers.getSetCookie?.() ?? [];
		for (const c of setCookie) if (c.startsWith('n8n-auth=')) this.cookie = c.split(';')[0];
		const text = await res.text();
		const strict = parseJsonAnswer(res.headers.get('content-type'), text);
		let json = strict;
		if (json === undefined) {
			try {
				json = text ? JSON.parse(text) : undefined;
			} catch {
				json = undefined;
			}
		}
		if (expect && !expect.includes(res.status)) {
			throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
		}
		return { status: res.status, json, data: json?.data, text, isJson: strict !== undefined };
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

	/**
	 * Repeats a request until `judge(answer)` decides: it returns a value (done), throws (a definite
	 * failure, e.g. a JSON error from n8n), or returns undefined (n8n not ready for it yet: no answer,
	 * an HTML page, a 404/5xx). Bounded by `timeoutMs`; the error names the last answer.
	 */
	async until(what, send, judge, { timeoutMs = 120_000, intervalMs = 500 } = {}) {
		const t0 = Date.now();
		for (;;) {
			const answer = await send();
			const verdict = judge(answer);
			if (verdict !== undefined) return verdict;
			if (Date.now() - t0 > timeoutMs) {
				throw new Error(`${what}: no valid answer within ${timeoutMs / 1000} s (last: ${describeAnswer(answer)})`);
			}
			await sleep(intervalMs);
		}
	}

	/**
	 * Creates the owner once per user folder (an existing owner is fine), logs in, and checks that the
	 * auth cookie works (GET /rest/login returns the same user). Every step accepts only a well-formed JSON
	 * answer with the expected fields and retries, bounded, while n8n still answers with pages or 404s.
	 * Resolves the logged-in user.
	 */
	async ownerAndLogin(owner = DEMO_OWNER, { timeoutMs = 120_000 } = {}) {
		const sameUser = (a) => a.status === 200 && a.isJson && a.data?.email === owner.email;
		await this.until(
			'owner setup (POST /rest/owner/setup)',
			() => this.post('/rest/owner/setup', owner, { expect: null }),
			(a) => {
				if (sameUser(a)) return 'created';
				if (a.status === 400 && a.isJson && /already/i.test(a.json?.message ?? '')) return 'exists';
				if (a.isJson && a.status !== 404 && a.status < 500) throw new Error(`owner setup refused: ${describeAnswer(a)}`);
				return undefined;
			},
			{ timeoutMs },
		);
		return this.login(owner, { timeoutMs });
	}

	/** Logs in as `owner` (who must exist) and checks the cookie; same strict, bounded retries. Resolves the user. */
	async login(owner = DEMO_OWNER, { timeoutMs = 120_000 } = {}) {
		const sameUser = (a) => a.status === 200 && a.isJson && a.data?.email === owner.email;
		let refusals = 0;
		const user = await this.until(
			'login (POST /rest/login)',
			() =>
				this.post('/rest/login', { emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password }, { expect: null }),
			(a) => {
				if (sameUser(a) && this.cookie) return a.data;
				// A JSON 401 is n8n's real answer; allow a couple in case the owner was written a moment ago.
				if (a.isJson && a.status === 401 && ++refusals >= 3) {
					throw new Error(
						`login failed: ${describeAnswer(a)} — this n8n user folder has an owner with another password (start from an empty one: npm run dev -- --reset)`,
					);
				}
				if (a.isJson && a.status !== 401 && a.status !== 404 && a.status < 500) throw new Error(`login failed: ${describeAnswer(a)}`);
				return undefined;
			},
			{ timeoutMs },
		);
		await this.until(
			'the login cookie (GET /rest/login)',
			() => this.get('/rest/login', { expect: null }),
			(a) => {
				if (sameUser(a)) return true;
				if (a.isJson && a.status === 401) throw new Error('the login cookie is refused (GET /rest/login answered 401)');
				return undefined;
			},
			{ timeoutMs },
		);
		return user;
	}

	/** The workflow as n8n stores it (JSON with this id, `active` and `versionId`), retried while n8n answers pages. */
	async workflow(id, { timeoutMs = 60_000 } = {}) {
		return this.until(
			`GET /rest/workflows/${id}`,
			() => this.get(`/rest/workflows/${id}`, { expect: null }),
			(a) => {
				// versionId is null for an imported workflow on n8n 1.x; `active` is there on every version.
				if (a.status === 200 && a.isJson && a.data?.id === id && typeof a.data.active === 'boolean' && 'versionId' in a.data) return a.data;
				if (a.isJson && a.status >= 400 && a.status < 500) throw new Error(`GET /rest/workflows/${id}: ${describeAnswer(a)}`);
				return undefined;
			},
			{ timeoutMs },
		);
	}

	/**
	 * Activates a workflow (n8n 2.x: POST /activate {versionId}; 1.x, where that route is an HTML 404:
	 * PATCH {active: true}) and reads it back. Resolves true only when n8n reports it active after the
	 * re-read; throws with n8n's reason otherwise.
	 */
	async activateWorkflow(id) {
		const before = await this.workflow(id);
		if (before.active !== true) {
			const res = await this.post(`/rest/workflows/${id}/activate`, { versionId: before.versionId }, { expect: null, timeoutMs: 120_000 });
			if (res.status === 404 && !res.isJson) {
				const patched = await this.patch(`/rest/workflows/${id}`, { active: true, versionId: before.versionId }, { expect: null, timeoutMs: 120_000 });
				if (!(patched.status === 200 && patched.isJson)) throw new Error(`PATCH active=true: ${describeAnswer(patched)}`);
			} else if (!(res.status === 200 && res.isJson)) {
				throw new Error(`activate: ${describeAnswer(res)}`);
			}
		}
		const after = await this.workflow(id);
		if (after.active !== true) throw new Error('n8n does not report the workflow active after activation');
		return true;
	}
}

/** A short, readable account of an answer for error messages (JSON message, or the start of a page). */
function describeAnswer(a) {
	if (!a) return 'none';
	if (a.status === 0) return `no answer (${a.text})`;
	if (a.isJson) return `${a.status} ${a.json?.message ?? JSON.stringify(a.json).slice(0, 200)}`;
	return `${a.status} non-JSON ${JSON.stringify(a.text.replace(/\s+/g, ' ').slice(0, 120))}`;
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
