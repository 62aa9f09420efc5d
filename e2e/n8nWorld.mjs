// The one n8n start-up of the e2e suites: the n8n install from the cache, a fresh in-process sandbox,
// a fresh n8n user folder with its own ports, CLI imports, `n8n start` with the owner logged in through
// the REST API, and the teardown (n8n's process group, the sandbox, whatever a suite added; the user
// folder is removed when the suite passed and kept, with its path printed, when anything failed).
//
//   await withN8n(suite, version, { folder: 'twoway', sandbox: { clock: 'manual' } }, async (world) => {
//     await world.import({ credentials, workflows });
//     await world.start();                       // world.server, world.rest (logged in), world.flatted
//     ... suite.test(...) ...
//   });
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { ensureN8n } from '../scripts/n8n-install.mjs';
import { N8nRest, loadSandbox, makeTempDir, n8nCli, n8nEnv, requireFromN8n, startN8n, stopGroup, writeJson } from '../scripts/n8n-runtime.mjs';
import { freePort } from './harness.mjs';

export class N8nWorld {
	/**
	 * `folder`: the user folder's name prefix (ip1-e2e-<folder>-<version>-); `sandbox`: startSandbox options;
	 * `env`: extra n8n environment; `customExtensions: false` loads no package from dist/ (see e2e/packed.mjs).
	 */
	constructor(version, { folder, sandbox = {}, env = {}, customExtensions = true } = {}) {
		Object.assign(this, { version, options: { folder, sandbox, env, customExtensions } });
		this.timings = {};
		/** Everything the n8n CLI printed (searched for secrets by run.mjs). */
		this.cliOutputs = [];
		this.closers = [];
	}

	/** n8n from the cache, the sandbox, the user folder and the environments of `n8n start` and of the CLI. */
	async open() {
		const t0 = Date.now();
		this.n8n = await ensureN8n(this.version);
		this.timings.install = Date.now() - t0;
		const { startSandbox } = await loadSandbox();
		this.sandbox = await startSandbox(this.options.sandbox);
		const { token, accountId, control, url } = this.sandbox;
		this.home = { token, accountId, control, url };
		this.userFolder = makeTempDir(`ip1-e2e-${this.options.folder ? `${this.options.folder}-` : ''}${this.version}-`);
		this.port = await freePort();
		const extra = { N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...this.options.env };
		this.env = n8nEnv(this.n8n, { userFolder: this.userFolder, port: this.port, extra, customExtensions: this.options.customExtensions });
		// The CLI runs beside the server: its task-runner broker needs a port of its own.
		this.cliEnv = { ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		return this;
	}

	/** Writes import/credentials.json and import/workflows.json and imports them with the n8n CLI. */
	async import({ credentials, workflows }) {
		const t0 = Date.now();
		for (const [what, file, content] of [['credentials', 'credentials.json', credentials], ['workflow', 'workflows.json', workflows]]) {
			const path = writeJson(join(this.userFolder, 'import', file), content);
			const r = await this.cli([`import:${what}`, '--input', path]);
			if (r.code !== 0) throw new Error(`import:${what} exited ${r.code}\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
		}
		this.timings.import = Date.now() - t0;
	}

	/** An n8n CLI command beside the server (`execute`, `import:*`); its output is kept in cliOutputs. */
	async cli(args, options = {}) {
		const r = await n8nCli(this.n8n, args, { env: this.cliEnv, ...options });
		this.cliOutputs.push(r.stdout, r.stderr);
		return r;
	}

	/** `n8n start` (own process group, log n8n-start.log), the owner created and logged in. */
	async start() {
		const t0 = Date.now();
		this.server = await startN8n(this.n8n, this.env, { logFile: join(this.userFolder, 'n8n-start.log') });
		this.timings.start = Date.now() - t0;
		this.rest = new N8nRest(this.server.baseUrl);
		await this.rest.ownerAndLogin();
		return this;
	}

	/** Stops n8n and starts it again on the same user folder and ports (a fresh login). */
	async restart() {
		await this.stopN8n();
		return this.start();
	}

	async stopN8n() {
		if (this.server) await stopGroup(this.server.child);
		this.server = undefined;
	}

	get baseUrl() {
		return this.server?.baseUrl ?? `http://127.0.0.1:${this.port}`;
	}

	/** n8n's own `flatted` (execution data is stored flattened). */
	get flatted() {
		return requireFromN8n(this.n8n, 'flatted');
	}

	/** Something more to close at the end (a scripted model server, ...). */
	onClose(fn) {
		this.closers.push(fn);
	}

	/** Stops n8n, closes the sandbox and the rest; removes the user folder unless `suite` has a failure. */
	async close(suite) {
		await this.stopN8n();
		await this.sandbox?.close();
		for (const fn of this.closers) await fn();
		if (!this.userFolder) return;
		if (suite.failed === 0) rmSync(this.userFolder, { recursive: true, force: true });
		else process.stdout.write(`e2e: [${suite.label}] n8n user folder kept for inspection: ${this.userFolder}\n`);
	}
}

/**
 * Runs `body(world)` with an opened world; an error outside a test is counted as the failure `failName`,
 * and the world is closed whatever happened. Resolves the world (its timings).
 */
export async function withN8n(suite, version, options, body, { failName = 'setup / run' } = {}) {
	const world = new N8nWorld(version, options);
	try {
		await world.open();
		await body(world);
	} catch (error) {
		suite.fail(failName, error);
	} finally {
		await world.close(suite);
	}
	return world;
}
