#!/usr/bin/env node
/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- the sandbox is a Node dev tool (never published in dist/), not a node run by n8n */
import { startSandbox } from './index';
import { replyMain } from './replyCli';
import type { LoggedRequest, SandboxVariants } from './types';
import { VariantError, nonDefaultVariants, parseVariantArgument } from './variants';

// `npm run sandbox` — a sandbox for trying the package by hand or for end-to-end tests in
// another process. Prints the URL and the demo token, then one line per API request.

interface CliOptions {
	port: number;
	rateLimit: number | null;
	/** --latency: ms every API request waits (a distant API); undefined = none. */
	latencyMs?: number;
	clock: 'real' | 'manual';
	dlrRetryMs: number | undefined;
	idleExitSeconds: number | null;
	/** From repeated `--variant name=value`; undefined when none was given. */
	variants?: Partial<SandboxVariants>;
}

const USAGE = `Usage: npm run sandbox -- reply --from <number> --text <text>   (a reply to a running sandbox)
       npm run sandbox -- [--port <n>] [--rate-limit <n|off>] [--latency <ms>] [--clock real|manual]
                          [--dlr-retry-ms <ms>] [--idle-exit <seconds>]
                          [--variant <name>=<value>]...   (switches: see sandbox/README.md)`;

export class UsageError extends Error {}

function fail(message: string): never {
	throw new UsageError(message);
}

function positiveInteger(flag: string, value: string | undefined, allowZero = false): number {
	const n = Number(value);
	if (value === undefined || !Number.isInteger(n) || n < (allowZero ? 0 : 1)) fail(`${flag} needs a whole number${allowZero ? '' : ' > 0'}.`);
	return n;
}

/** `help: true` when --help was given; throws UsageError on bad input. */
export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CliOptions & { help: boolean } {
	const options: CliOptions & { help: boolean } = {
		help: false,
		port: env.IP1_SANDBOX_PORT ? positiveInteger('IP1_SANDBOX_PORT', env.IP1_SANDBOX_PORT, true) : 8787,
		rateLimit: 30,
		clock: 'real',
		dlrRetryMs: undefined,
		idleExitSeconds: null,
	};
	for (let i = 0; i < argv.length; i++) {
		// Split at the first '=' only: `--variant=linkHeader=none` keeps its own '='.
		const equals = argv[i].indexOf('=');
		const flag = equals < 0 ? argv[i] : argv[i].slice(0, equals);
		const inline = equals < 0 ? undefined : argv[i].slice(equals + 1);
		const value = (): string | undefined => inline ?? argv[++i];
		switch (flag) {
			case '--port':
				options.port = positiveInteger(flag, value(), true);
				break;
			case '--rate-limit': {
				const raw = value();
				options.rateLimit = raw === 'off' ? null : positiveInteger(flag, raw);
				break;
			}
			case '--latency':
				options.latencyMs = positiveInteger(flag, value(), true);
				break;
			case '--clock': {
				const raw = value();
				if (raw !== 'real' && raw !== 'manual') fail('--clock must be real or manual.');
				options.clock = raw;
				break;
			}
			case '--dlr-retry-ms':
				options.dlrRetryMs = positiveInteger(flag, value());
				break;
			case '--idle-exit':
				options.idleExitSeconds = positiveInteger(flag, value());
				break;
			case '--variant': {
				const raw = value();
				if (raw === undefined) fail('--variant needs name=value.');
				try {
					options.variants = { ...options.variants, ...parseVariantArgument(raw) };
				} catch (error) {
					if (error instanceof VariantError) fail(error.message);
					throw error;
				}
				break;
			}
			case '--help':
			case '-h':
				options.help = true;
				break;
			default:
				fail(`Unknown argument: ${argv[i]}`);
		}
	}
	return options;
}

function logLine(entry: LoggedRequest): string {
	const fault = entry.fault ? ` [${entry.fault}]` : '';
	return `${entry.at} ${entry.method} ${entry.path} ${entry.status === 0 ? '---' : entry.status}${fault}`;
}

async function main(): Promise<void> {
	if (process.argv[2] === 'reply') return await replyMain(process.argv.slice(3));
	let options: ReturnType<typeof parseArgs>;
	try {
		options = parseArgs(process.argv.slice(2), process.env);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		process.stderr.write(`${error.message}\n${USAGE}\n`);
		process.exit(2);
	}
	if (options.help) {
		process.stdout.write(`${USAGE}\n`);
		return;
	}
	let idleTimer: NodeJS.Timeout | null = null;
	let stopping = false;

	const sandbox = await startSandbox({
		port: options.port,
		rateLimitPerSecond: options.rateLimit,
		latencyMs: options.latencyMs,
		clock: options.clock,
		deliveryReportRetryIntervalMs: options.dlrRetryMs,
		seedDemoData: true,
		variants: options.variants,
		onRequest: (entry) => {
			process.stdout.write(`${logLine(entry)}\n`);
			armIdleTimer();
		},
	});

	async function stop(reason: string): Promise<void> {
		if (stopping) return;
		stopping = true;
		if (idleTimer) clearTimeout(idleTimer);
		process.stdout.write(`Stopping iP.1 sandbox (${reason}).\n`);
		await sandbox.close();
		process.exit(0);
	}

	function armIdleTimer(): void {
		if (options.idleExitSeconds === null) return;
		if (idleTimer) clearTimeout(idleTimer);
		idleTimer = setTimeout(() => void stop(`idle for ${options.idleExitSeconds} s`), options.idleExitSeconds * 1000);
		// The listening server keeps the process alive; the timer alone must not.
		idleTimer.unref();
	}

	process.stdout.write(`iP.1 sandbox listening on ${sandbox.url}\n`);
	process.stdout.write(`Demo token: ${sandbox.token} (account ${sandbox.accountId})\n`);
	const changed = Object.entries(nonDefaultVariants(sandbox.control.variants));
	if (changed.length > 0) process.stdout.write(`Variants: ${changed.map(([name, value]) => `${name}=${String(value)}`).join(', ')}\n`);
	if (options.latencyMs) process.stdout.write(`Latency: ${options.latencyMs} ms before every API request\n`);
	armIdleTimer();
	process.on('SIGINT', () => void stop('SIGINT'));
	process.on('SIGTERM', () => void stop('SIGTERM'));
}

if (require.main === module) {
	main().catch((error: unknown) => {
		process.stderr.write(`iP.1 sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	});
}
