/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals -- test code runs in Node and is never published; it compiles and spawns the sandbox CLI */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, UsageError } from '../../sandbox/cli';

describe('sandbox CLI: arguments', () => {
	it('defaults to port 8787, rate limit 30, real clock', () => {
		expect(parseArgs([], {})).toEqual({ help: false, port: 8787, rateLimit: 30, clock: 'real', dlrRetryMs: undefined, idleExitSeconds: null });
	});

	it('reads IP1_SANDBOX_PORT and every flag, with or without =', () => {
		expect(parseArgs(['--rate-limit', 'off', '--clock=manual', '--dlr-retry-ms', '500', '--idle-exit=3'], { IP1_SANDBOX_PORT: '9000' })).toEqual({
			help: false,
			port: 9000,
			rateLimit: null,
			clock: 'manual',
			dlrRetryMs: 500,
			idleExitSeconds: 3,
		});
		expect(parseArgs(['--port', '0'], { IP1_SANDBOX_PORT: '9000' }).port).toBe(0);
		expect(parseArgs(['--rate-limit', '5'], {}).rateLimit).toBe(5);
	});

	it.each([[['--port', 'x']], [['--rate-limit', '0']], [['--clock', 'fast']], [['--idle-exit']], [['--nope']]])('refuses %j', (argv) => {
		expect(() => parseArgs(argv, {})).toThrow(UsageError);
	});
});

describe('sandbox CLI: process', () => {
	let outDir: string;
	const children: ChildProcess[] = [];

	beforeAll(() => {
		// Compile only the sandbox (what `npm run sandbox` runs), into a temporary folder.
		outDir = mkdtempSync(join(tmpdir(), 'ip1-sandbox-cli-'));
		const tsc = spawnSync(
			process.execPath,
			[
				require.resolve('typescript/bin/tsc'),
				'--outDir', outDir, '--rootDir', join(__dirname, '../../sandbox'),
				'--strict', '--module', 'commonjs', '--target', 'es2021', '--lib', 'es2022', '--types', 'node',
				'--esModuleInterop', '--skipLibCheck',
				join(__dirname, '../../sandbox/cli.ts'),
			],
			{ encoding: 'utf8' },
		);
		expect(tsc.stdout + tsc.stderr).toBe('');
	}, 60_000);

	afterAll(() => {
		for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
		rmSync(outDir, { recursive: true, force: true });
	});

	function start(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null>; line: (re: RegExp) => Promise<RegExpMatchArray> } {
		const child = spawn(process.execPath, [join(outDir, 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
		children.push(child);
		let out = '';
		const waiters: Array<() => void> = [];
		child.stdout?.on('data', (chunk: Buffer) => {
			out += chunk.toString('utf8');
			for (const wake of waiters.splice(0)) wake();
		});
		child.stderr?.on('data', (chunk: Buffer) => {
			out += chunk.toString('utf8');
		});
		const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
		const line = async (re: RegExp): Promise<RegExpMatchArray> => {
			for (;;) {
				const match = re.exec(out);
				if (match) return match;
				if (child.exitCode !== null) throw new Error(`CLI exited: ${out}`);
				await new Promise<void>((resolve) => waiters.push(resolve));
			}
		};
		return { child, output: () => out, exited, line };
	}

	it('prints the URL and the demo token, logs each request without the token, stops on SIGTERM', async () => {
		const cli = start(['--port', '0']);
		const [, url] = await cli.line(/listening on (http:\/\/127\.0\.0\.1:\d+)\n/);
		await cli.line(/Demo token: ip1-sandbox-demo-token/);
		const res = await fetch(`${url}/v2/contacts?labels=vip`, { headers: { authorization: 'Bearer ip1-sandbox-demo-token' } });
		expect(res.status).toBe(200);
		expect(((await res.json()) as unknown[]).length).toBeGreaterThan(0);
		await fetch(`${url}/v2/batches`, { headers: { authorization: 'Bearer wrong' } });
		await cli.line(/GET \/v2\/batches 401/);
		const logLines = cli.output().split('\n').slice(2).join('\n');
		expect(logLines).toMatch(/GET \/v2\/contacts 200/);
		expect(logLines).not.toContain('ip1-sandbox-demo-token');
		cli.child.kill('SIGTERM');
		expect(await cli.exited).toBe(0);
	}, 30_000);

	it('exits by itself after --idle-exit seconds without requests', async () => {
		const cli = start(['--port', '0', '--idle-exit', '1']);
		await cli.line(/listening on/);
		expect(await cli.exited).toBe(0);
		expect(cli.output()).toContain('idle');
	}, 30_000);

	it('exits with 2 and the usage on a bad flag', async () => {
		const cli = start(['--bogus']);
		expect(await cli.exited).toBe(2);
		expect(cli.output()).toContain('Usage:');
	}, 30_000);
});
