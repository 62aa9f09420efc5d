import type { SandboxCredentials } from '../harness/engine';
import { useSandbox } from '../harness/sandbox';
import { requestsTo, runOk } from './helpers';

const fixture = useSandbox();
let credentials: SandboxCredentials;

beforeAll(async () => {
	credentials = fixture.newAccount();
	await runOk({
		credentials,
		parameters: {
			resource: 'contact',
			operation: 'create',
			importAllItems: true,
			phoneNumber: '={{ $json.phone }}',
			additionalFields: { labels: '={{ $json.label }}' },
		},
		items: Array.from({ length: 1200 }, (_, index) => ({
			phone: `+4670${String(3000000 + index)}`,
			label: `all, imported, ${index % 2 === 0 ? 'even' : 'odd'}`,
		})),
	});
	await fixture.sandbox.control.settle();
	expect(fixture.sandbox.control.state(credentials.apiToken).contacts).toHaveLength(1200);
});

beforeEach(() => fixture.sandbox.control.clearRequests());

test('Return All gets all 1,200 contacts with the fewest requests (pages of 1,000)', async () => {
	const output = await runOk({ credentials, parameters: { resource: 'contact', operation: 'getAll', returnAll: true } });
	expect(output).toHaveLength(1200);
	expect(new Set(output.map((contact) => contact.id)).size).toBe(1200);
	const pages = requestsTo(fixture, 'GET', '/v2/contacts');
	expect(pages.map((request) => [request.query.start, request.query.limit])).toEqual([
		['0', '1000'],
		['1000', '1000'],
	]);
});

test('Limit 70 makes one request with limit=70', async () => {
	const output = await runOk({ credentials, parameters: { resource: 'contact', operation: 'getAll', returnAll: false, limit: 70 } });
	expect(output).toHaveLength(70);
	const pages = requestsTo(fixture, 'GET', '/v2/contacts');
	expect(pages).toHaveLength(1);
	expect(pages[0].query.limit).toBe('70');
});

test('filters stay on every page: two labels over 1,200 matches, the second page from the Link header', async () => {
	const output = await runOk({
		credentials,
		parameters: { resource: 'contact', operation: 'getAll', returnAll: true, filters: { labels: ['all', 'imported'] } },
	});
	expect(output).toHaveLength(1200);
	const pages = requestsTo(fixture, 'GET', '/v2/contacts');
	expect(pages.map((request) => [request.query.start, request.query.labels])).toEqual([
		['0', ['all', 'imported']],
		['1000', ['all', 'imported']],
	]);
	const even = await runOk({
		credentials,
		parameters: { resource: 'contact', operation: 'getAll', returnAll: true, filters: { labels: ['all', 'even'] } },
	});
	expect(even).toHaveLength(600);
	expect(even.every((contact) => (contact.labels as string[]).includes('even'))).toBe(true);
});

test('the default limit is 50', async () => {
	const output = await runOk({ credentials, parameters: { resource: 'contact', operation: 'getAll' } });
	expect(output).toHaveLength(50);
	expect(requestsTo(fixture, 'GET', '/v2/contacts')[0].query.limit).toBe('50');
});
