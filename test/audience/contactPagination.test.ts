/* eslint-disable @n8n/community-nodes/no-restricted-globals -- the test samples and times the sandbox with timers; tests are never published */
import type { SandboxCredentials } from '../harness/engine';
import { PAGES_AHEAD } from '../../nodes/shared/transport/pagination';
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

describe('other readings of pagination (sandbox switches): a capped page size, every Link header form', () => {
	let large: SandboxCredentials;
	const TOTAL = 1203;

	beforeAll(async () => {
		large = fixture.newAccount();
		await runOk({
			credentials: large,
			parameters: { resource: 'contact', operation: 'create', importAllItems: true, phoneNumber: '={{ $json.phone }}' },
			items: Array.from({ length: TOTAL }, (_, index) => ({ phone: `+4670${String(4000000 + index)}` })),
		});
		await fixture.sandbox.control.settle();
		expect(fixture.sandbox.control.state(large.apiToken).contacts).toHaveLength(TOTAL);
	});

	afterEach(() => fixture.sandbox.control.setVariants({ linkHeader: 'full', pageSizeCap: 1000, overCap: 'reject' }));

	const startsAndLimits = () => requestsTo(fixture, 'GET', '/v2/contacts').map((request) => [request.query.start, request.query.limit]);

	test('the issue\'s case: cap 500 served silently, no Link header: Return All gets all 1,203 contacts, each once, in 3 requests', async () => {
		fixture.sandbox.control.setVariants({ pageSizeCap: 500, overCap: 'clamp', linkHeader: 'none' });
		const output = await runOk({ credentials: large, parameters: { resource: 'contact', operation: 'getAll', returnAll: true } });
		expect(output).toHaveLength(TOTAL);
		expect(new Set(output.map((contact) => contact.id)).size).toBe(TOTAL);
		expect(startsAndLimits()).toEqual([
			['0', '1000'],
			['500', '500'],
			['1000', '500'],
		]);
	});

	test('cap 500 served silently, no Link header: Limit 700 gives 700, asking only for what is missing', async () => {
		fixture.sandbox.control.setVariants({ pageSizeCap: 500, overCap: 'clamp', linkHeader: 'none' });
		const output = await runOk({ credentials: large, parameters: { resource: 'contact', operation: 'getAll', returnAll: false, limit: 700 } });
		expect(output).toHaveLength(700);
		expect(new Set(output.map((contact) => contact.id)).size).toBe(700);
		expect(startsAndLimits()).toEqual([
			['0', '700'],
			['500', '200'],
		]);
	});

	const readings: Array<['full' | 'noSemicolon' | 'relative' | 'none', 'reject' | 'clamp']> = [];
	for (const linkHeader of ['full', 'noSemicolon', 'relative', 'none'] as const) {
		for (const overCap of ['clamp', 'reject'] as const) readings.push([linkHeader, overCap]);
	}

	test.each(readings)('Link header %s, a limit over the cap of 100 is %s: Return All gets all 1,203, each once', async (linkHeader, overCap) => {
		fixture.sandbox.control.setVariants({ pageSizeCap: 100, overCap, linkHeader });
		const output = await runOk({ credentials: large, parameters: { resource: 'contact', operation: 'getAll', returnAll: true } });
		expect(output).toHaveLength(TOTAL);
		expect(new Set(output.map((contact) => contact.id)).size).toBe(TOTAL);
		const pages = startsAndLimits();
		// One refused request at most, then pages of 100: 13 of them, the last one short; reading ahead
		// stops at the last page the Link header names, and without one it reads 1 page ahead: at most
		// 2 requests past the pages (issue 20: Return All within 2 requests of the page count).
		const needed = overCap === 'reject' ? 14 : 13;
		expect(pages.length).toBeGreaterThanOrEqual(needed);
		expect(pages.length).toBeLessThanOrEqual(needed + 2);
		expect(pages).toContainEqual(['1200', '100']);
		expect(pages.filter(([start]) => Number(start) > 1200)).toHaveLength(pages.length - needed);
		expect(new Set(pages.map(([start, limit]) => `${start}/${limit}`)).size).toBe(pages.length);
	});

	test('with the Link header the filters stay on every page under a cap', async () => {
		fixture.sandbox.control.setVariants({ pageSizeCap: 500, overCap: 'clamp', linkHeader: 'relative' });
		const output = await runOk({
			credentials,
			parameters: { resource: 'contact', operation: 'getAll', returnAll: true, filters: { labels: ['all', 'odd'] } },
		});
		expect(output).toHaveLength(600);
		expect(output.every((contact) => (contact.labels as string[]).includes('odd'))).toBe(true);
		const pages = requestsTo(fixture, 'GET', '/v2/contacts');
		expect(pages.every((request) => JSON.stringify(request.query.labels) === JSON.stringify(['all', 'odd']))).toBe(true);
		expect(pages.map((request) => request.query.start)).toEqual(['0', '500']);
	});
});

describe('Return All without a Link header', () => {
	afterEach(() => {
		fixture.sandbox.control.clearFaults();
		fixture.sandbox.control.setVariants({ pageSizeCap: 1000, overCap: 'reject', linkHeader: 'full' });
	});

	test('without a Link header the end is unknown: one page read ahead, at most 2 requests past the pages', async () => {
		fixture.sandbox.control.setVariants({ pageSizeCap: 100, overCap: 'clamp', linkHeader: 'none' });
		const expected = fixture.sandbox.control.state(credentials.apiToken).contacts.map((contact) => contact.id);
		fixture.sandbox.control.addFault({ method: 'GET', path: '/v2/contacts', kind: 'latency', ms: 40, times: Infinity });
		const output = await runOk({ credentials, parameters: { resource: 'contact', operation: 'getAll', returnAll: true } });
		expect(output.map((contact) => contact.id)).toEqual(expected);
		const pages = requestsTo(fixture, 'GET', '/v2/contacts');
		const needed = Math.ceil(expected.length / 100) + (expected.length % 100 === 0 ? 1 : 0);
		expect(pages.length).toBeGreaterThanOrEqual(needed);
		expect(pages.length).toBeLessThanOrEqual(needed + 2);
	});
});

describe('Return All reads pages ahead once a list proves long', () => {
	afterEach(() => {
		fixture.sandbox.control.clearFaults();
		fixture.sandbox.control.reset();
	});

	test('pages of 100 with slow answers, Link rel="last" given: several pages on their way at once (growing to at most 1 + PAGES_AHEAD), never past the last page; every contact once, in the order of a page-by-page read; with Limit only what is needed', async () => {
		fixture.sandbox.control.setVariants({ pageSizeCap: 100, overCap: 'clamp', linkHeader: 'full' });
		const expected = fixture.sandbox.control.state(credentials.apiToken).contacts.map((contact) => contact.id);
		fixture.sandbox.control.addFault({ method: 'GET', path: '/v2/contacts', kind: 'latency', ms: 80, times: Infinity });
		let peak = 0;
		const sampler = setInterval(() => {
			const open = fixture.sandbox.control.requests.filter((request) => request.path === '/v2/contacts' && request.status === 0).length;
			peak = Math.max(peak, open);
		}, 5);
		let output;
		try {
			output = await runOk({ credentials, parameters: { resource: 'contact', operation: 'getAll', returnAll: true } });
		} finally {
			clearInterval(sampler);
		}
		expect(output.map((contact) => contact.id)).toEqual(expected);
		expect(peak).toBeGreaterThan(1);
		// The read-ahead grows with each full page (3, 4, … 7): more than the 3 it starts with.
		expect(peak).toBeGreaterThan(1 + 3);
		expect(peak).toBeLessThanOrEqual(1 + PAGES_AHEAD);
		// 12 full pages and the short one that ends the list: nothing read past the last page the API named.
		const pages = requestsTo(fixture, 'GET', '/v2/contacts');
		expect(pages.length).toBeLessThanOrEqual(13);
		expect(pages.every((request) => request.status === 200)).toBe(true);

		fixture.sandbox.control.clearRequests();
		const limited = await runOk({ credentials, parameters: { resource: 'contact', operation: 'getAll', returnAll: false, limit: 450 } });
		expect(limited.map((contact) => contact.id)).toEqual(expected.slice(0, 450));
		const starts = requestsTo(fixture, 'GET', '/v2/contacts').map((request) => Number(request.query.start));
		expect(Math.max(...starts)).toBeLessThan(450);
	});

});
