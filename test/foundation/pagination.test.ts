/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a second local HTTP server stands in for a foreign host */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FaultSpec } from '../../sandbox';
import { jsonOf, runNode, type SandboxCredentials } from '../harness/engine';
import { PROBE_TYPE } from '../harness/probeNode';
import { useSandbox } from '../harness/sandbox';

// Pages are answered by sandbox faults (real HTTP, one fault per request, in order), so every
// reading of the documentation's pagination can be played: capped pages, no Link header, the older
// Link format, relative links, links that loop. When the faults run out the real sandbox answers,
// which for a fresh account is an empty page.
const fixture = useSandbox();
const PATH = '/v2/blacklist';

afterEach(() => fixture.sandbox.control.clearFaults());

function entries(from: number, count: number): IDataObject[] {
	return Array.from({ length: count }, (_, index) => ({ id: `entry-${from + index}`, msisdn: String(46700100000 + from + index) }));
}

function page(items: IDataObject[], link?: string): Extract<FaultSpec, { kind: 'status' }> {
	return {
		method: 'GET',
		path: PATH,
		kind: 'status',
		status: 200,
		body: JSON.stringify(items),
		contentType: 'application/json',
		headers: link ? { link } : {},
	};
}

function servePages(...pages: FaultSpec[]): void {
	for (const spec of pages) fixture.sandbox.control.addFault(spec);
}

async function paginate(credentials: SandboxCredentials, parameters: INodeParameters = { returnAll: true }) {
	fixture.sandbox.control.clearRequests();
	const result = await runNode({ nodeType: PROBE_TYPE, parameters: { mode: 'paginate', path: PATH, ...parameters }, credentials });
	const output = jsonOf(result)[0] as { count?: number; requests?: number; items?: IDataObject[] } | undefined;
	const asked = fixture.sandbox.control.requests
		.filter((request) => request.path === PATH)
		.map((request) => ({ start: request.query.start, limit: request.query.limit, tag: request.query.tag }));
	return { result, output, asked, ids: (output?.items ?? []).map((item) => item.id) };
}

describe('page size capped by the API, no Link header', () => {
	test('Return All reads on past a short first page and stops on a page shorter than one already served', async () => {
		const credentials = fixture.newAccount();
		servePages(page(entries(0, 3)), page(entries(3, 3)), page(entries(6, 2)));
		const { result, output, asked, ids } = await paginate(credentials);
		expect(result.error).toBeUndefined();
		expect(output?.count).toBe(8);
		expect(new Set(ids).size).toBe(8);
		// The cap (3) is learnt from the first page; the third page (2 < 3) is the end: no fourth request.
		expect(asked.map(({ start, limit }) => [start, limit])).toEqual([
			['0', '1000'],
			['3', '3'],
			['6', '3'],
		]);
	});

	test('Limit mode asks only for what is still missing once the cap is known', async () => {
		const credentials = fixture.newAccount();
		servePages(page(entries(0, 3)), page(entries(3, 2)));
		const { output, asked } = await paginate(credentials, { returnAll: false, limit: 5 });
		expect(output?.count).toBe(5);
		expect(asked.map(({ start, limit }) => [start, limit])).toEqual([
			['0', '5'],
			['3', '2'],
		]);
	});

	test('a short first page may also be the end: one extra request, which comes back empty', async () => {
		const credentials = fixture.newAccount();
		servePages(page(entries(0, 3)));
		const { output, asked } = await paginate(credentials);
		expect(output?.count).toBe(3);
		expect(asked.map(({ start, limit }) => [start, limit])).toEqual([
			['0', '1000'],
			['3', '3'],
		]);
	});

	test('an item seen on an earlier page (the list moved between requests) is returned once', async () => {
		const credentials = fixture.newAccount();
		servePages(page(entries(0, 3)), page(entries(2, 3)), page(entries(5, 1)));
		const { output, ids } = await paginate(credentials);
		expect(ids).toEqual(['entry-0', 'entry-1', 'entry-2', 'entry-3', 'entry-4', 'entry-5']);
		expect(output?.count).toBe(6);
	});

	test('a list the API does not paginate (same whole list whatever the start) is returned once, without error', async () => {
		const credentials = fixture.newAccount();
		servePages(page(entries(0, 3)), page(entries(0, 3)), page(entries(0, 3)));
		const { result, output, asked } = await paginate(credentials);
		expect(result.error).toBeUndefined();
		expect(output?.count).toBe(3);
		expect(asked).toHaveLength(2);
	});

	test('an API that ignores start behind full pages stops with an error instead of returning items twice', async () => {
		const credentials = fixture.newAccount();
		servePages(page(entries(0, 3)), page(entries(3, 3)), page(entries(3, 3)), page(entries(3, 3)));
		const { result, asked } = await paginate(credentials);
		expect(result.error?.message).toMatch(/same items again/);
		expect(result.error?.message).toContain('start=6');
		expect(asked).toHaveLength(3);
	});
});

describe('a list the API does not paginate (sandbox switch pagedLists: core)', () => {
	afterEach(() => fixture.sandbox.control.setVariants({ pagedLists: 'all' }));

	test('Return All gets the whole list once; Limit takes what it needs from one answer', async () => {
		const credentials = fixture.newAccount();
		for (let index = 0; index < 7; index++) {
			await runNode({ nodeType: PROBE_TYPE, parameters: { method: 'PUT', path: `${PATH}/4670020000${index}` }, credentials });
		}
		fixture.sandbox.control.setVariants({ pagedLists: 'core' });
		const all = await paginate(credentials);
		expect(all.result.error).toBeUndefined();
		expect(all.output?.count).toBe(7);
		expect(new Set(all.output?.items?.map((entry) => entry.msisdn)).size).toBe(7);
		expect(all.asked).toHaveLength(2);
		const some = await paginate(credentials, { returnAll: false, limit: 3 });
		expect(some.output?.count).toBe(3);
		expect(some.asked).toHaveLength(1);
	});
});

describe('what a page may look like', () => {
	test('an envelope holding one list is read as the page', async () => {
		const credentials = fixture.newAccount();
		const envelope = { ...page([]), body: JSON.stringify({ contacts: entries(0, 3), total: 3 }) };
		servePages(envelope);
		const { result, output } = await paginate(credentials);
		expect(result.error).toBeUndefined();
		expect(output?.count).toBe(3);
	});

	test.each([
		['an object without a list', '{"status":"ok"}', 'application/json'],
		['an HTML page answered with 200', '<html><body>Welcome</body></html>', 'text/html'],
	])('%s is an error, not an empty list', async (_label, body, contentType) => {
		const credentials = fixture.newAccount();
		servePages({ ...page([]), body, contentType });
		const { result } = await paginate(credentials);
		expect(result.error?.message).toMatch(/^iP\.1 answered GET \/v2\/blacklist\?start=0&order=ASC&limit=1000 with something that is not a list/);
	});
});

describe('page size refused by the API', () => {
	test('a 400 naming the maximum limit: the next request uses that maximum', async () => {
		const credentials = fixture.newAccount();
		for (let index = 0; index < 7; index++) {
			await runNode({ nodeType: PROBE_TYPE, parameters: { method: 'PUT', path: `${PATH}/4670010000${index}` }, credentials });
		}
		fixture.sandbox.control.addFault({
			method: 'GET',
			path: PATH,
			kind: 'status',
			status: 400,
			contentType: 'application/problem+json',
			body: JSON.stringify({ title: 'One or more validation errors occurred.', status: 400, errors: { limit: ['limit must be an integer from 1 to 500.'] } }),
		});
		const { result, output, asked } = await paginate(credentials);
		expect(result.error).toBeUndefined();
		expect(output?.count).toBe(7);
		expect(asked.map(({ start, limit }) => [start, limit])).toEqual([
			['0', '1000'],
			['0', '500'],
			['7', '7'],
		]);
	});
});

describe('page size refused by the sandbox (switches overCap: reject, validationStatus: 422)', () => {
	afterEach(() => fixture.sandbox.control.setVariants({ pageSizeCap: 1000, overCap: 'reject', validationStatus: 400 }));

	test('a 422 naming the maximum: the maximum is used, and the list is read to its end', async () => {
		const credentials = fixture.newAccount();
		for (let index = 0; index < 7; index++) {
			await runNode({ nodeType: PROBE_TYPE, parameters: { method: 'PUT', path: `${PATH}/4670030000${index}` }, credentials });
		}
		fixture.sandbox.control.setVariants({ pageSizeCap: 5, overCap: 'reject', validationStatus: 422 });
		const { result, output, asked } = await paginate(credentials);
		expect(result.error).toBeUndefined();
		expect(output?.count).toBe(7);
		expect(asked.map(({ start, limit }) => [start, limit])).toEqual([
			['0', '1000'],
			['0', '5'],
			['5', '5'],
		]);
	});
});

describe('Link header forms', () => {
	// The marker `tag=followed` exists only in the link: seeing it on the second request proves the link was used.
	const forms: Array<[string, (origin: string) => string]> = [
		['RFC form <url>; rel="next"', (origin) => `<${origin}${PATH}?start=3&limit=3&order=ASC&tag=followed>; rel="next"`],
		['older form without ";"', (origin) => `<${origin}${PATH}?start=3&limit=3&order=ASC&tag=followed> rel="next"`],
		['a path-relative URL', () => `<${PATH}?start=3&limit=3&order=ASC&tag=followed>; rel="next"`],
		['a query-only relative URL', () => `<?start=3&limit=3&order=ASC&tag=followed>; rel="next"`],
		['several rels in one value', (origin) => `<${origin}${PATH}?start=3&limit=3&order=ASC&tag=followed>; rel="next last"`],
		['other parameters before rel', (origin) => `<${origin}${PATH}?start=3&order=ASC&tag=followed>; title="page 2"; rel=next`],
	];

	test.each(forms)('%s is followed', async (_label, link) => {
		const credentials = fixture.newAccount();
		servePages(page(entries(0, 3), link(fixture.sandbox.url)), page(entries(3, 3)));
		const { result, output, asked } = await paginate(credentials);
		expect(result.error).toBeUndefined();
		expect(output?.count).toBe(6);
		expect(asked[1]).toEqual({ start: '3', limit: '3', tag: 'followed' });
	});

	test('a next link whose start would skip items (built on the limit asked, not the one served) is not trusted', async () => {
		const credentials = fixture.newAccount();
		const origin = fixture.sandbox.url;
		servePages(page(entries(0, 3), `<${origin}${PATH}?start=1000&limit=1000>; rel="next"`), page(entries(3, 1)));
		const { output, asked } = await paginate(credentials);
		expect(output?.count).toBe(4);
		expect(asked[1].start).toBe('3');
	});

	test('a Link header without next does not end a short page early (the page may be capped)', async () => {
		const credentials = fixture.newAccount();
		const origin = fixture.sandbox.url;
		const lastOnly = `<${origin}${PATH}?start=0&limit=1000>; rel="self", <${origin}${PATH}?start=0&limit=1000>; rel="last"`;
		servePages(page(entries(0, 3), lastOnly), page(entries(3, 3), lastOnly), page(entries(6, 1), lastOnly));
		const { output } = await paginate(credentials);
		expect(output?.count).toBe(7);
	});
});

describe('links that would loop or leave the API', () => {
	let foreign: Server;
	let foreignRequests = 0;
	beforeAll(async () => {
		foreign = createServer((_request, response) => {
			foreignRequests++;
			response.setHeader('content-type', 'application/json');
			response.end('[]');
		});
		await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
	});
	afterAll(async () => await new Promise<void>((resolve) => foreign.close(() => resolve())));

	test('a next link to another host is never requested with the token', async () => {
		const credentials = fixture.newAccount();
		const other = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
		servePages(page(entries(0, 3), `<${other}${PATH}?start=3&limit=3&tag=foreign>; rel="next"`), page(entries(3, 1)));
		const { result, output, asked } = await paginate(credentials);
		expect(result.error).toBeUndefined();
		expect(output?.count).toBe(4);
		expect(foreignRequests).toBe(0);
		expect(asked[1].start).toBe('3');
	});

	test('the transport itself refuses an absolute URL of another host: the token goes nowhere else', async () => {
		const credentials = fixture.newAccount();
		const before = foreignRequests;
		const other = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
		const result = await runNode({ nodeType: PROBE_TYPE, parameters: { path: `${other}/api/me?secret=abc` }, credentials });
		expect(result.error?.message).toMatch(/^Refused to send the iP\.1 token to http:\/\/127\.0\.0\.1:\d+\/api\/me/);
		expect(foreignRequests).toBe(before);
		const own = await runNode({ nodeType: PROBE_TYPE, parameters: { path: `${fixture.sandbox.url}/api/me` }, credentials });
		expect(own.error).toBeUndefined();
	});

	test('a next link pointing at the page just read stops with an error naming it, not a loop', async () => {
		const credentials = fixture.newAccount();
		const self = `${fixture.sandbox.url}${PATH}?start=0&limit=3&order=ASC`;
		servePages(...Array.from({ length: 5 }, () => page(entries(0, 3), `<${self}>; rel="next"`)));
		const { result, output, asked } = await paginate(credentials);
		expect(output).toBeUndefined();
		expect(result.error?.message).toMatch(/does not advance/);
		expect(result.error?.message).toContain(self);
		expect(asked).toHaveLength(1);
	});

	test('a cursor link that comes back again stops with an error naming it', async () => {
		const credentials = fixture.newAccount();
		const cursor = `${fixture.sandbox.url}${PATH}?cursor=b`;
		servePages(...Array.from({ length: 5 }, (_, index) => page(entries(index * 3, 3), `<${cursor}>; rel="next"`)));
		const { result, asked } = await paginate(credentials);
		expect(result.error?.message).toMatch(/already read/);
		expect(result.error?.message).toContain(cursor);
		expect(asked).toHaveLength(2);
	});
});
