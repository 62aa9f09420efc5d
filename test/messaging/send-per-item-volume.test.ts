import { useSandbox } from '../harness/sandbox';
import { SEND, jsonOf, pairedIndexes, postCount, run } from './helpers';

// The sandbox enforces the documented 30 requests per second: a request over the limit would be a 429.
// 300 items cross ten one-second windows, enough to prove the limiter; test/slow sends 2,500.
const fixture = useSandbox({ rateLimitPerSecond: 30 });
const COUNT = 300;

test('Combine Items off, 300 items under the enforced 30/s: no 429, one request per item, every output paired to its item', async () => {
	const items = Array.from({ length: COUNT }, (_, index) => ({
		phone: `4670${String(7_100_000 + index).padStart(7, '0')}`,
		text: `Order ${index} is ready`,
	}));
	const result = await run(fixture, {
		parameters: { ...SEND, recipients: '={{ $json.phone }}', message: '={{ $json.text }}', options: { combineItems: false } },
		items,
	});
	expect(result.error).toBeUndefined();
	expect(postCount(fixture)).toBe(COUNT);
	expect(fixture.sandbox.control.requests.filter((request) => request.method === 'POST').every((request) => request.status === 201)).toBe(true);
	expect(pairedIndexes(result)).toEqual(items.map((_, index) => index));
	const messages = new Map(fixture.sandbox.control.state(fixture.sandbox.token).messages.map((message) => [message.id, message]));
	jsonOf(result).forEach((output, index) => {
		expect(output.to).toBe(items[index].phone);
		const message = messages.get(output.messageId as string);
		expect(message).toMatchObject({ recipient: items[index].phone, body: items[index].text, batchId: output.batchId });
	});
}, 120_000);

test('10,000 items with 10,000 texts (Combine Items, the default): 10 requests of 1,000, each recipient its own text, every output paired', async () => {
	fixture.sandbox.control.clearRequests();
	const count = 10_000;
	const items = Array.from({ length: count }, (_, index) => ({
		phone: `4670${String(6_000_000 + index).padStart(7, '0')}`,
		text: `Order ${index} is ready`,
	}));
	const result = await run(fixture, {
		parameters: { ...SEND, simplify: true, recipients: '={{ $json.phone }}', message: '={{ $json.text }}' },
		items,
	});
	expect(result.error).toBeUndefined();
	// The sandbox's default answer lists the messages: nothing to read back.
	expect(postCount(fixture)).toBe(10);
	expect(fixture.sandbox.control.countRequests()).toBe(10);
	expect(pairedIndexes(result)).toEqual(items.map((_, index) => index));
	const messages = new Map(fixture.sandbox.control.state(fixture.sandbox.token).messages.map((message) => [message.id, message]));
	jsonOf(result).forEach((output, index) => {
		const message = messages.get(output.messageId as string);
		expect(message).toMatchObject({ recipient: items[index].phone, body: items[index].text, batchId: output.batchId });
	});
}, 240_000);
