import { startSandbox, type SandboxHandle } from '../../sandbox';
import { parseArgs, UsageError } from '../../sandbox/cli';
import { call } from './helpers';

// Option latencyMs / CLI --latency: the distance to the real API, which `npm run bench` measures at.

const LATENCY_MS = 150;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
	const started = performance.now();
	const result = await work();
	return { ms: performance.now() - started, result };
}

describe('sandbox: latency option', () => {
	let sb: SandboxHandle;
	beforeAll(async () => {
		sb = await startSandbox({ latencyMs: LATENCY_MS, rateLimitPerSecond: 2 });
	});
	afterAll(() => sb.close());

	it('delays every API request, a 429 included, and the limit counts requests when they arrive', async () => {
		const answers = await timed(() => Promise.all([1, 2, 3].map(() => call(sb, 'GET', '/v2/me/senders'))));
		expect(answers.ms).toBeGreaterThanOrEqual(LATENCY_MS - 5);
		expect(answers.result.map((r) => r.status).sort()).toEqual([200, 200, 429]);
		expect(sb.control.requests.map((r) => r.fault)).toEqual([undefined, undefined, undefined]);
	});

	it('never delays control requests', async () => {
		const health = await timed(() => fetch(`${sb.url}/_sandbox/health`).then((r) => r.status));
		expect(health.result).toBe(200);
		expect(health.ms).toBeLessThan(LATENCY_MS - 5);
	});

	it('refuses a negative latency', async () => {
		await expect(startSandbox({ latencyMs: -1 })).rejects.toThrow('latencyMs must be a number >= 0');
	});
});

describe('sandbox CLI: --latency', () => {
	it('reads --latency <ms> (0 allowed) and refuses anything else', () => {
		expect(parseArgs(['--latency', '100'], {}).latencyMs).toBe(100);
		expect(parseArgs(['--latency=0'], {}).latencyMs).toBe(0);
		expect(parseArgs([], {}).latencyMs).toBeUndefined();
		expect(() => parseArgs(['--latency', '-5'], {})).toThrow(UsageError);
		expect(() => parseArgs(['--latency'], {})).toThrow(UsageError);
	});
});
