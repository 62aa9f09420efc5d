// A tiny test runner for the end-to-end suite: named tests, plain assertions, a final
// "N passed, N failed" line. No jest: the suite drives whole processes (n8n, the sandbox) and
// must stay out of the default `jest` run.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';

export { assert };

export class Suite {
	/** `smoke`: run only the tests marked `{ smoke: true }` (the short set CI runs on the middle n8n version). */
	constructor(label, { smoke = false } = {}) {
		this.label = label;
		this.smoke = smoke;
		this.results = [];
		this.skipped = 0;
	}

	async test(name, fn, { smoke = false } = {}) {
		if (this.smoke && !smoke) {
			this.skipped++;
			process.stdout.write(`  - [${this.label}] ${name} (not in the smoke set)\n`);
			return;
		}
		const t0 = Date.now();
		try {
			await fn();
			this.results.push({ name, ok: true, ms: Date.now() - t0 });
			process.stdout.write(`  ✓ [${this.label}] ${name} (${Date.now() - t0} ms)\n`);
		} catch (error) {
			this.results.push({ name, ok: false, ms: Date.now() - t0, error });
			process.stdout.write(`  ✗ [${this.label}] ${name} (${Date.now() - t0} ms)\n${indent(error?.stack ?? String(error))}\n`);
		}
	}

	/** Records a failure that happened outside a test (setup), so it is counted. */
	fail(name, error) {
		this.results.push({ name, ok: false, ms: 0, error });
		process.stdout.write(`  ✗ [${this.label}] ${name}\n${indent(error?.stack ?? String(error))}\n`);
	}

	get passed() {
		return this.results.filter((r) => r.ok).length;
	}
	get failed() {
		return this.results.filter((r) => !r.ok).length;
	}
}

function indent(text) {
	return String(text)
		.split('\n')
		.slice(0, 25)
		.map((l) => `      ${l}`)
		.join('\n');
}

export function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

/** Polls `fn` until it returns a truthy value or the time runs out (then throws with `what`). */
export async function waitFor(what, fn, { timeoutMs = 60_000, intervalMs = 250 } = {}) {
	const t0 = Date.now();
	let last;
	for (;;) {
		last = await fn();
		if (last) return last;
		if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`);
		await new Promise((r) => setTimeout(r, intervalMs));
	}
}

/** Runs `fn` over `items` with at most `concurrency` at once; resolves results in order. */
export async function mapLimit(items, concurrency, fn) {
	const results = new Array(items.length);
	let next = 0;
	async function worker() {
		while (next < items.length) {
			const index = next++;
			results[index] = await fn(items[index], index);
		}
	}
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
	return results;
}

/** `node e2e/<suite>.mjs [--n8n <version>] [--smoke]`: builds the package, runs one suite, prints the count and exits. */
export async function runAlone(runSuite) {
	const { DEFAULT_N8N_VERSION } = await import('../scripts/n8n-install.mjs');
	const { buildPackage } = await import('../scripts/n8n-runtime.mjs');
	const i = process.argv.indexOf('--n8n');
	await buildPackage();
	const suite = await runSuite(i >= 0 ? process.argv[i + 1] : DEFAULT_N8N_VERSION, { smoke: process.argv.includes('--smoke') });
	process.stdout.write(`${suite.passed} passed, ${suite.failed} failed\n`);
	process.exit(suite.failed ? 1 : 0);
}
