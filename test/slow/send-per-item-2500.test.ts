import { useSandbox } from '../harness/sandbox';
import { SEND, jsonOf, pairedIndexes, postCount, run } from '../messaging/helpers';

// The sandbox enforces the documented 30 requests per second: a request over the limit would be a 429.
const fixture = useSandbox({ rateLimitPerSecond: 30 });
const COUNT = 2500;

// One request per item at the documented 30 requests per second: this file takes about 85 seconds.
test(
	'Combine Items off, 2,500 items: 2,500 requests within the rate limit, every output paired to its item',
	async () => {
		const items = Array.from({ length: COUNT }, (_, index) => ({
			phone: `4670${String(7_000_000 + index).padStart(7, '0')}`,
			text: `Order ${index} is ready`,
		}));
		const started = Date.now();
		const result = await run(fixture, {
			parameters: { ...SEND, recipients: '={{ $json.phone }}', message: '={{ $json.text }}', options: { combineItems: false } },
			items,
		});
		const elapsed = Date.now() - started;
		expect(result.error).toBeUndefined();
		// Exactly one request per item: none was refused with 429 and repeated.
		expect(postCount(fixture)).toBe(COUNT);
		expect(fixture.sandbox.control.requests.every((request) => request.status === 201)).toBe(true);
		expect(elapsed).toBeGreaterThanOrEqual((COUNT / 30 - 1) * 1000);
		expect(result.items).toHaveLength(COUNT);
		expect(pairedIndexes(result)).toEqual(items.map((_, index) => index));

		const messages = new Map(fixture.sandbox.control.state(fixture.sandbox.token).messages.map((message) => [message.id, message]));
		jsonOf(result).forEach((output, index) => {
			expect(output.to).toBe(items[index].phone);
			const message = messages.get(output.messageId as string);
			expect(message).toMatchObject({ recipient: items[index].phone, body: items[index].text, batchId: output.batchId });
		});
	},
	240_000,
);
