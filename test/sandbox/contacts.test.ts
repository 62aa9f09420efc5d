/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node and is never published */
import * as http from 'node:http';
import { startSandbox, type ContactDocument, type ContactsMetaDocument, type SandboxHandle } from '../../sandbox';
import { call, type ProblemBody } from './helpers';

function parseLink(header: string | null): Record<string, string> {
	const links: Record<string, string> = {};
	for (const part of (header ?? '').split(', ')) {
		const match = /^<([^>]+)>; rel="(\w+)"$/.exec(part);
		if (match) links[match[2]] = match[1];
	}
	return links;
}

describe('sandbox: pagination over 1 200 contacts', () => {
	let sb: SandboxHandle;
	beforeAll(async () => {
		sb = await startSandbox();
		const contacts = Array.from({ length: 1200 }, (_, i) => ({
			properties: { n: String(i), phoneNumber: `+4670${String(i).padStart(7, '0')}` },
			labels: i % 2 === 0 ? ['even', 'all'] : ['all'],
		}));
		const res = await call(sb, 'POST', '/v2/contacts?sync=true', { body: contacts });
		expect(res.status).toBe(201);
	});
	afterAll(() => sb.close());

	const numbers = (docs: ContactDocument[]): number[] => docs.map((c) => Number(c.properties.n));

	it('defaults to start 0, limit 50, ASC and a Link header with absolute URLs', async () => {
		const res = await call<ContactDocument[]>(sb, 'GET', '/v2/contacts');
		expect(res.status).toBe(200);
		expect(Array.isArray(res.body)).toBe(true);
		expect(numbers(res.body)).toEqual(Array.from({ length: 50 }, (_, i) => i));
		const links = parseLink(res.headers.get('link'));
		expect(Object.keys(links)).toEqual(['self', 'first', 'next', 'last']);
		expect(links.self).toBe(`${sb.url}/v2/contacts?start=0&limit=50&order=ASC`);
		expect(links.next).toBe(`${sb.url}/v2/contacts?start=50&limit=50&order=ASC`);
		expect(links.last).toBe(`${sb.url}/v2/contacts?start=1150&limit=50&order=ASC`);
	});

	it('walks every page by following rel="next" and sees each contact once', async () => {
		let url: string | undefined = `/v2/contacts?limit=500`;
		const seen: number[] = [];
		let pages = 0;
		while (url) {
			const res: Awaited<ReturnType<typeof call<ContactDocument[]>>> = await call<ContactDocument[]>(sb, 'GET', url);
			seen.push(...numbers(res.body));
			pages++;
			const next: string | undefined = parseLink(res.headers.get('link')).next;
			url = next?.slice(sb.url.length);
		}
		expect(pages).toBe(3);
		expect(seen).toEqual(Array.from({ length: 1200 }, (_, i) => i));
	});

	it('has prev on later pages, no next on the last one, and an empty array beyond the end', async () => {
		const last = await call<ContactDocument[]>(sb, 'GET', '/v2/contacts?start=1100&limit=100');
		expect(last.body).toHaveLength(100);
		const links = parseLink(last.headers.get('link'));
		expect(links.next).toBeUndefined();
		expect(links.prev).toBe(`${sb.url}/v2/contacts?start=1000&limit=100&order=ASC`);
		expect(links.first).toBe(`${sb.url}/v2/contacts?start=0&limit=100&order=ASC`);
		const beyond = await call<ContactDocument[]>(sb, 'GET', '/v2/contacts?start=5000');
		expect(beyond.status).toBe(200);
		expect(beyond.body).toEqual([]);
	});

	it('orders DESC (case-insensitive) and keeps filters in the links', async () => {
		const res = await call<ContactDocument[]>(sb, 'GET', '/v2/contacts?order=desc&limit=3&labels=even');
		expect(numbers(res.body)).toEqual([1198, 1196, 1194]);
		const links = parseLink(res.headers.get('link'));
		expect(links.next).toBe(`${sb.url}/v2/contacts?start=3&limit=3&order=DESC&labels=even`);
		expect(links.last).toBe(`${sb.url}/v2/contacts?start=597&limit=3&order=DESC&labels=even`);
	});

	it('keeps the offset grid of the current page for last (as the documented example)', async () => {
		const res = await call(sb, 'GET', '/v2/contacts?start=101&limit=100');
		const links = parseLink(res.headers.get('link'));
		expect(links.next).toContain('start=201&');
		expect(links.last).toContain('start=1101&');
		expect(links.prev).toContain('start=1&');
	});

	it('accepts limit up to maxPageSize (1000) and refuses bad values naming the parameter', async () => {
		expect((await call<unknown[]>(sb, 'GET', '/v2/contacts?limit=1000')).body).toHaveLength(1000);
		for (const [query, field] of [
			['limit=0', 'limit'],
			['limit=1001', 'limit'],
			['limit=abc', 'limit'],
			['limit=-1', 'limit'],
			['start=-5', 'start'],
			['start=x', 'start'],
			['order=up', 'order'],
		]) {
			const res = await call<ProblemBody>(sb, 'GET', `/v2/contacts?${query}`);
			expect(res.status).toBe(400);
			expect(Object.keys(res.body.errors ?? {})).toEqual([field]);
		}
	});

	it('honours a custom maxPageSize', async () => {
		const small = await startSandbox({ maxPageSize: 10 });
		try {
			expect((await call(small, 'GET', '/v2/batches?limit=11')).status).toBe(400);
			expect((await call(small, 'GET', '/v2/batches?limit=10')).status).toBe(200);
		} finally {
			await small.close();
		}
	});

	it('builds links from the Host header the client used', async () => {
		// fetch cannot set Host, node:http can.
		const link = await new Promise<string>((resolve, reject) => {
			const req = http.get(`${sb.url}/v2/blacklist`, { headers: { authorization: `Bearer ${sb.token}`, host: 'sandbox.test:1234' }, agent: false }, (res) => {
				res.resume();
				resolve(String(res.headers.link));
			});
			req.on('error', reject);
		});
		expect(link).toContain('<http://sandbox.test:1234/v2/blacklist?start=0&limit=50&order=ASC>; rel="self"');
	});
});

describe('sandbox: contacts', () => {
	let sb: SandboxHandle;
	beforeAll(async () => {
		sb = await startSandbox();
	});
	afterAll(() => sb.close());
	beforeEach(() => sb.control.reset());

	const importSync = async (contacts: unknown[]): Promise<ContactDocument[]> => {
		const res = await call<ContactDocument[]>(sb, 'POST', '/v2/contacts?sync', { body: contacts });
		expect(res.status).toBe(201);
		return res.body;
	};

	it('imports asynchronously by default: 202 {accepted}, contacts appear after the answer', async () => {
		const res = await call(sb, 'POST', '/v2/contacts', {
			body: [{ properties: { firstName: 'A' } }, { properties: { firstName: 'B' }, labels: ['x', 'x'] }],
		});
		expect(res.status).toBe(202);
		expect(res.body).toEqual({ accepted: 2 });
		await sb.control.settle();
		const list = await call<ContactDocument[]>(sb, 'GET', '/v2/contacts');
		expect(list.body.map((c) => c.properties.firstName)).toEqual(['A', 'B']);
		expect(list.body[1].labels).toEqual(['x']);
		expect(list.body[0].ownerId).toBe(sb.accountId);
	});

	it('does not show async contacts in the same event-loop turn as the answer', async () => {
		await call(sb, 'POST', '/v2/contacts', { body: [{ properties: { firstName: 'Later' } }] });
		// A snapshot taken right after the 202 arrived may or may not contain the contact,
		// but settle() guarantees it.
		await sb.control.settle();
		expect(sb.control.state(sb.token).contacts).toHaveLength(1);
	});

	it('imports synchronously with ?sync and answers 201 with the created contacts', async () => {
		const [c] = await importSync([{ properties: { firstName: 'Icarus', phoneNumber: '+46701234567' }, labels: ['customers'] }]);
		expect(c).toEqual({ id: c.id, ownerId: sb.accountId, properties: { firstName: 'Icarus', phoneNumber: '+46701234567' }, labels: ['customers'] });
		expect(c.id).toMatch(/^[0-9a-f]{24}$/);
	});

	it.each([
		['an object', { properties: {} }, '$'],
		['an element without properties', [{ labels: ['a'] }], '[0].properties'],
		['properties not an object', [{ properties: 'x' }], '[0].properties'],
		['labels not strings', [{ properties: {}, labels: [1] }], '[0].labels'],
	])('refuses an import that is %s', async (_label, body, field) => {
		const res = await call<ProblemBody>(sb, 'POST', '/v2/contacts?sync', { body });
		expect(res.status).toBe(400);
		expect(Object.keys(res.body.errors ?? {})).toEqual([field]);
		expect(sb.control.state(sb.token).contacts).toHaveLength(0);
	});

	it('refuses more than 10 000 contacts in one import', async () => {
		const body = Array.from({ length: 10_001 }, () => ({ properties: {} }));
		expect((await call(sb, 'POST', '/v2/contacts', { body })).status).toBe(400);
	});

	it('adds metadata only with ?meta (any value but false)', async () => {
		const [c] = await importSync([{ properties: { phoneNumber: '+46701234567' } }, { properties: { phoneNumber: '+4610123456' } }]);
		expect((await call<ContactDocument>(sb, 'GET', `/v2/contacts/${c.id}`)).body.metadata).toBeUndefined();
		expect((await call<ContactDocument>(sb, 'GET', `/v2/contacts/${c.id}?meta=false`)).body.metadata).toBeUndefined();
		const withMeta = await call<ContactDocument>(sb, 'GET', `/v2/contacts/${c.id}?meta`);
		expect(withMeta.body.metadata).toEqual({
			phoneNumber: { isPossiblePhoneNumber: 'true', isValidPhoneNumber: 'true', phoneNumberType: 'MOBILE', parsedMSISDN: '46701234567', isBlocked: 'false' },
		});
		await call(sb, 'PUT', '/v2/blacklist/46701234567');
		const list = await call<ContactDocument[]>(sb, 'GET', '/v2/contacts?meta=true');
		expect(list.body[0].metadata?.phoneNumber?.isBlocked).toBe('true');
		expect(list.body[1].metadata?.phoneNumber?.phoneNumberType).toBe('UNKNOWN');
	});

	it('filters by labels (all must match), properties and metadata, ANDed, exact and case-sensitive', async () => {
		await importSync([
			{ properties: { name: 'a', dept: 'Sales', phoneNumber: '+46701000001' }, labels: ['vip', 'all'] },
			{ properties: { name: 'b', dept: 'Sales', phoneNumber: '+4610000002' }, labels: ['all'] },
			{ properties: { name: 'c', dept: 'sales', phoneNumber: '+46701000003' }, labels: ['vip'] },
			{ properties: { name: 'd', dept: 'Sales Team' }, labels: ['vip', 'all'] },
		]);
		const names = async (query: string): Promise<string[]> =>
			(await call<ContactDocument[]>(sb, 'GET', `/v2/contacts?${query}`)).body.map((c) => String(c.properties.name));
		expect(await names('labels=vip')).toEqual(['a', 'c', 'd']);
		expect(await names('labels=vip&labels=all')).toEqual(['a', 'd']);
		expect(await names('labels=VIP')).toEqual([]);
		expect(await names('properties%5Bdept%5D=Sales')).toEqual(['a', 'b']);
		expect(await names('properties[dept]=Sales&labels=vip')).toEqual(['a']);
		expect(await names('metadata%5BphoneNumber.phoneNumberType%5D=MOBILE')).toEqual(['a', 'c']);
		expect(await names('metadata[phoneNumber.phoneNumberType]=MOBILE&properties[dept]=Sales')).toEqual(['a']);
		expect(await names(`properties%5BphoneNumber%5D=${encodeURIComponent('+46701000003')}`)).toEqual(['c']);
	});

	it('PATCH merges properties, removes null ones, replaces labels only when given', async () => {
		const [c] = await importSync([{ properties: { firstName: 'A', lastName: 'B', email: 'a@b.se' }, labels: ['x'] }]);
		const res = await call<ContactDocument>(sb, 'PATCH', `/v2/contacts/${c.id}`, {
			body: { properties: { lastName: null, department: 'Sales' } },
		});
		expect(res.status).toBe(200);
		expect(res.body.properties).toEqual({ firstName: 'A', email: 'a@b.se', department: 'Sales' });
		expect(res.body.labels).toEqual(['x']);
		const relabel = await call<ContactDocument>(sb, 'PATCH', `/v2/contacts/${c.id}`, { body: { id: c.id, labels: ['y', 'z'] } });
		expect(relabel.body.labels).toEqual(['y', 'z']);
		expect(relabel.body.properties.firstName).toBe('A');
		expect((await call(sb, 'PATCH', `/v2/contacts/${c.id}`, { body: { id: 'other' } })).status).toBe(400);
		expect((await call(sb, 'PATCH', '/v2/contacts/0123456789abcdef01234567', { body: {} })).status).toBe(404);
	});

	it('PUT replaces the whole contact', async () => {
		const [c] = await importSync([{ properties: { firstName: 'A', lastName: 'B' }, labels: ['x'] }]);
		const res = await call<ContactDocument>(sb, 'PUT', `/v2/contacts/${c.id}`, { body: { id: c.id, properties: { email: 'e@x.se' } } });
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ id: c.id, ownerId: sb.accountId, properties: { email: 'e@x.se' }, labels: [] });
		expect((await call(sb, 'PUT', `/v2/contacts/${c.id}`, { body: { labels: [] } })).status).toBe(400);
	});

	it('DELETE one answers the deleted contact; then 404', async () => {
		const [c] = await importSync([{ properties: { firstName: 'A' } }]);
		const res = await call<ContactDocument>(sb, 'DELETE', `/v2/contacts/${c.id}`);
		expect(res.status).toBe(200);
		expect(res.body.id).toBe(c.id);
		expect((await call(sb, 'GET', `/v2/contacts/${c.id}`)).status).toBe(404);
		expect((await call(sb, 'DELETE', `/v2/contacts/${c.id}`)).status).toBe(404);
	});

	it('mass-deletes the contacts matching the filters, and everything without a filter', async () => {
		await importSync([
			{ properties: { n: '1' }, labels: ['old'] },
			{ properties: { n: '2' }, labels: ['old', 'vip'] },
			{ properties: { n: '3' }, labels: ['new'] },
			{ properties: { n: '4' } },
		]);
		const filtered = await call<ContactDocument[]>(sb, 'DELETE', '/v2/contacts?labels=old');
		expect(filtered.status).toBe(200);
		expect(filtered.body.map((c) => c.properties.n)).toEqual(['1', '2']);
		expect(sb.control.state(sb.token).contacts.map((c) => c.properties.n)).toEqual(['3', '4']);
		const all = await call<ContactDocument[]>(sb, 'DELETE', '/v2/contacts');
		expect(all.body.map((c) => c.properties.n)).toEqual(['3', '4']);
		expect(sb.control.state(sb.token).contacts).toHaveLength(0);
	});

	it('summarises contacts in GET /v2/contacts/meta, sorted by name', async () => {
		await importSync([
			{ properties: { phoneNumber: '+46701234567', email: 'a@b.se' }, labels: ['all', 'Customer'] },
			{ properties: { phoneNumber: '+46701234568', email: 'long.name@example.com' }, labels: ['all'] },
		]);
		const res = await call<ContactsMetaDocument>(sb, 'GET', '/v2/contacts/meta');
		expect(res.body).toEqual({
			totalCount: 2,
			labels: [
				{ labelName: 'Customer', usageCount: 1 },
				{ labelName: 'all', usageCount: 2 },
			],
			properties: [
				{ propertyName: 'email', usageCount: 2, averageLength: 14, maxLength: 21, minLength: 6 },
				{ propertyName: 'phoneNumber', usageCount: 2, averageLength: 12, maxLength: 12, minLength: 12 },
			],
		});
	});

	describe('labels', () => {
		it('adds a label to many contacts and answers the label usage', async () => {
			const [a, b, c] = await importSync([{ properties: {} }, { properties: {}, labels: ['Coworker'] }, { properties: {} }]);
			const res = await call(sb, 'POST', '/v2/labels/Coworker/contacts', { body: [a.id, b.id] });
			expect(res.status).toBe(200);
			expect(res.body).toEqual({ labelName: 'Coworker', usageCount: 2 });
			const state = sb.control.state(sb.token).contacts;
			expect(state.map((x) => x.labels)).toEqual([['Coworker'], ['Coworker'], []]);
			const again = await call(sb, 'POST', '/v2/labels/Coworker/contacts', { body: [c.id] });
			expect(again.body).toEqual({ labelName: 'Coworker', usageCount: 3 });
		});

		it('refuses unknown ids without changing anything, and a body that is not an array of strings', async () => {
			const [a] = await importSync([{ properties: {} }]);
			const res = await call<ProblemBody>(sb, 'POST', '/v2/labels/L/contacts', { body: [a.id, 'ffffffffffffffffffffffff'] });
			expect(res.status).toBe(400);
			expect(JSON.stringify(res.body.errors)).toContain('ffffffffffffffffffffffff');
			expect(sb.control.state(sb.token).contacts[0].labels).toEqual([]);
			expect((await call(sb, 'POST', '/v2/labels/L/contacts', { body: { ids: [a.id] } })).status).toBe(400);
			expect((await call(sb, 'POST', '/v2/labels/L/contacts', { body: [1] })).status).toBe(400);
		});

		it('deletes a label from every contact (usageCount = contacts it was removed from), 404 when unused', async () => {
			await importSync([
				{ properties: {}, labels: ['gone', 'keep'] },
				{ properties: {}, labels: ['gone'] },
				{ properties: {}, labels: ['keep'] },
			]);
			const res = await call(sb, 'DELETE', '/v2/labels/gone');
			expect(res.status).toBe(200);
			expect(res.body).toEqual({ labelName: 'gone', usageCount: 2 });
			expect(sb.control.state(sb.token).contacts.map((c) => c.labels)).toEqual([['keep'], [], ['keep']]);
			expect((await call(sb, 'DELETE', '/v2/labels/gone')).status).toBe(404);
		});

		it('handles label names that need URL encoding', async () => {
			const [a] = await importSync([{ properties: {} }]);
			const res = await call(sb, 'POST', `/v2/labels/${encodeURIComponent('Kunder 2025/vår')}/contacts`, { body: [a.id] });
			expect(res.body).toEqual({ labelName: 'Kunder 2025/vår', usageCount: 1 });
		});
	});
});
