import {
	startSandbox,
	type BlacklistEntryDocument,
	type ConversationSummaryDocument,
	type LandingDocument,
	type LandingElementDocument,
	type MessageDocument,
	type SandboxHandle,
	type SenderDocument,
} from '../../sandbox';
import { call, type ProblemBody } from './helpers';

describe('sandbox: senders, settings, blacklist, landings, conversations', () => {
	let sb: SandboxHandle;
	beforeAll(async () => {
		sb = await startSandbox();
	});
	afterAll(() => sb.close());
	beforeEach(() => sb.control.reset());

	describe('senders', () => {
		it('pre-registers iP1 and iP1sms and lists senders alphabetically with pagination', async () => {
			await call(sb, 'PUT', '/v2/me/senders/Zeta');
			await call(sb, 'PUT', '/v2/me/senders/Acme');
			const res = await call<SenderDocument[]>(sb, 'GET', '/v2/me/senders');
			expect(res.body.map((s) => s.sender)).toEqual(['Acme', 'Zeta', 'iP1', 'iP1sms']);
			expect(res.headers.get('link')).toContain('rel="self"');
			const page = await call<SenderDocument[]>(sb, 'GET', '/v2/me/senders?start=1&limit=2&order=DESC');
			expect(page.body.map((s) => s.sender)).toEqual(['iP1', 'Zeta']);
		});

		it('registers with the sender in the path (no body): 201 new, 200 existing', async () => {
			const created = await call<SenderDocument>(sb, 'PUT', '/v2/me/senders/MyShop');
			expect(created.status).toBe(201);
			expect(created.body).toEqual({ sender: 'MyShop', created: expect.stringMatching(/Z$/) });
			const again = await call<SenderDocument>(sb, 'PUT', '/v2/me/senders/MyShop');
			expect(again.status).toBe(200);
			expect(again.body.created).toBe(created.body.created);
		});

		it('registers with PUT /v2/me/senders and {"sender": …}', async () => {
			const res = await call<SenderDocument>(sb, 'PUT', '/v2/me/senders', { body: { sender: '46101606060' } });
			expect(res.status).toBe(201);
			expect((await call(sb, 'GET', '/v2/me/senders/46101606060')).status).toBe(200);
			expect((await call(sb, 'PUT', '/v2/me/senders', { body: {} })).status).toBe(400);
		});

		it('validates senders by the send rules', async () => {
			for (const bad of ['ab', 'TwelveChars1', encodeURIComponent('+4670'), 'a%20b']) {
				const res = await call<ProblemBody>(sb, 'PUT', `/v2/me/senders/${bad}`);
				expect(res.status).toBe(400);
				expect(Object.keys(res.body.errors ?? {})).toEqual(['sender']);
			}
		});

		it('unregisters a sender (200 with the document), 404 when unknown', async () => {
			await call(sb, 'PUT', '/v2/me/senders/Gone');
			const res = await call<SenderDocument>(sb, 'DELETE', '/v2/me/senders/Gone');
			expect(res.status).toBe(200);
			expect(res.body.sender).toBe('Gone');
			expect((await call(sb, 'GET', '/v2/me/senders/Gone')).status).toBe(404);
			expect((await call(sb, 'DELETE', '/v2/me/senders/Gone')).status).toBe(404);
		});
	});

	describe('settings', () => {
		const base = '/v2/me/sms/settings';

		it('starts empty, sets with {"value"} or a bare JSON string, reads all and one', async () => {
			expect((await call(sb, 'GET', base)).body).toEqual({});
			expect((await call(sb, 'GET', `${base}/IncomingCallbackUrl`)).status).toBe(404);
			const put = await call(sb, 'PUT', `${base}/IncomingCallbackUrl`, { body: { value: 'https://example.org/in' } });
			expect(put.status).toBe(200);
			expect(put.body).toEqual({ key: 'IncomingCallbackUrl', value: 'https://example.org/in' });
			const bare = await call(sb, 'PUT', `${base}/IncomingCallbackUrl`, { body: 'http://example.org/in2' });
			expect(bare.body).toEqual({ key: 'IncomingCallbackUrl', value: 'http://example.org/in2' });
			expect((await call(sb, 'GET', base)).body).toEqual({ IncomingCallbackUrl: 'http://example.org/in2' });
			expect((await call(sb, 'GET', `${base}/IncomingCallbackUrl`)).body).toEqual({ key: 'IncomingCallbackUrl', value: 'http://example.org/in2' });
			expect(sb.control.state(sb.token).settings).toEqual({ IncomingCallbackUrl: 'http://example.org/in2' });
		});

		it('answers the Swedish page path /me/sms/settings too', async () => {
			await call(sb, 'PUT', '/me/sms/settings/IncomingCallbackUrl', { body: { value: 'https://example.org/x' } });
			expect((await call(sb, 'GET', `${base}/IncomingCallbackUrl`)).body).toMatchObject({ value: 'https://example.org/x' });
		});

		it('refuses a non-URL value, a missing value and unknown keys (listing the known ones)', async () => {
			for (const body of [{ value: 'not a url' }, { value: 'ftp://x.org' }, {}, 42]) {
				expect((await call(sb, 'PUT', `${base}/IncomingCallbackUrl`, { body })).status).toBe(400);
			}
			const unknown = await call<ProblemBody>(sb, 'PUT', `${base}/Colour`, { body: { value: 'red' } });
			expect(unknown.status).toBe(400);
			expect(JSON.stringify(unknown.body.errors)).toContain('Unknown setting');
			expect(JSON.stringify(unknown.body.errors)).toContain('IncomingCallbackUrl');
			expect((await call(sb, 'GET', `${base}/Colour`)).status).toBe(400);
		});

		it('deletes a setting (204), then 404', async () => {
			await call(sb, 'PUT', `${base}/IncomingCallbackUrl`, { body: { value: 'https://example.org/in' } });
			const res = await call(sb, 'DELETE', `${base}/IncomingCallbackUrl`);
			expect(res.status).toBe(204);
			expect(res.text).toBe('');
			expect((await call(sb, 'DELETE', `${base}/IncomingCallbackUrl`)).status).toBe(404);
		});
	});

	describe('blacklist', () => {
		it.each([
			['{"msisdn"}', { msisdn: '46701111111' }],
			['{"phone"}', { phone: '46701111111' }],
			['a bare string', '46701111111'],
		])('adds with POST %s: 201, then 200 when it exists', async (_label, body) => {
			const res = await call<BlacklistEntryDocument>(sb, 'POST', '/v2/blacklist', { body });
			expect(res.status).toBe(201);
			expect(res.body).toEqual({ msisdn: '46701111111', created: expect.stringMatching(/Z$/) });
			expect((await call(sb, 'POST', '/v2/blacklist', { body })).status).toBe(200);
		});

		it('adds with PUT and no body, reads, lists with pagination, deletes', async () => {
			expect((await call(sb, 'PUT', '/v2/blacklist/46702222222')).status).toBe(201);
			expect((await call(sb, 'PUT', '/v2/blacklist/46702222222')).status).toBe(200);
			await call(sb, 'PUT', '/v2/blacklist/46703333333');
			const list = await call<BlacklistEntryDocument[]>(sb, 'GET', '/v2/blacklist?limit=1&order=DESC');
			expect(list.body.map((e) => e.msisdn)).toEqual(['46703333333']);
			expect(list.headers.get('link')).toContain('rel="next"');
			expect((await call(sb, 'GET', '/v2/blacklist/46702222222')).status).toBe(200);
			const del = await call<BlacklistEntryDocument>(sb, 'DELETE', '/v2/blacklist/46702222222');
			expect(del.status).toBe(200);
			expect(del.body.msisdn).toBe('46702222222');
			expect((await call(sb, 'GET', '/v2/blacklist/46702222222')).status).toBe(404);
			expect((await call(sb, 'DELETE', '/v2/blacklist/46702222222')).status).toBe(404);
		});

		it('refuses numbers that are not digits-only MSISDNs of at most 15', async () => {
			for (const bad of ['+46701111111', '4670abc', '1234567890123456']) {
				const res = await call<ProblemBody>(sb, 'POST', '/v2/blacklist', { body: { msisdn: bad } });
				expect(res.status).toBe(400);
				expect(Object.keys(res.body.errors ?? {})).toEqual(['msisdn']);
			}
			expect((await call(sb, 'PUT', `/v2/blacklist/${encodeURIComponent('+4670')}`)).status).toBe(400);
			expect((await call(sb, 'POST', '/v2/blacklist', { body: {} })).status).toBe(400);
		});
	});

	describe('landing pages', () => {
		it('creates a page with the managed fields and one default Title element', async () => {
			const res = await call<LandingDocument>(sb, 'POST', '/v2/landings', { body: { name: 'Spring', theme: 'dark' } });
			expect(res.status).toBe(201);
			const page = res.body;
			expect(page).toMatchObject({ name: 'Spring', theme: 'dark', views: {}, link: `https://landing.ip1.net/${page.id}` });
			expect(page.shortLink).toMatch(/^https:\/\/url\.ip1\.net\/[A-Za-z0-9]{8}$/);
			expect(page.lastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
			expect(page.elements).toHaveLength(1);
			expect(page.elements[0]).toMatchObject({ type: 'Title', content: 'Spring', level: 1, textAlignment: 'Center' });
			expect((await call(sb, 'POST', '/v2/landings', { body: { theme: 'x' } })).status).toBe(400);
		});

		it('lists, reads, replaces everything but elements/views/links, deletes (DELETE or POST)', async () => {
			const a = (await call<LandingDocument>(sb, 'POST', '/v2/landings', { body: { name: 'A', theme: 'dark' } })).body;
			const b = (await call<LandingDocument>(sb, 'POST', '/v2/landings', { body: { name: 'B' } })).body;
			expect((await call<LandingDocument[]>(sb, 'GET', '/v2/landings')).body.map((p) => p.name)).toEqual(['A', 'B']);
			const put = await call<LandingDocument>(sb, 'PUT', `/v2/landings/${a.id}`, {
				body: { name: 'A2', views: { '2025': 9 }, link: 'x', elements: [], note: 'n' },
			});
			expect(put.status).toBe(200);
			expect(put.body).toMatchObject({ id: a.id, name: 'A2', note: 'n', views: {}, link: a.link, shortLink: a.shortLink });
			expect(put.body).not.toHaveProperty('theme');
			expect(put.body.elements).toEqual(a.elements);
			expect((await call(sb, 'PUT', `/v2/landings/${a.id}`, { body: { note: 'no name' } })).status).toBe(400);

			expect((await call(sb, 'DELETE', `/v2/landings/${a.id}`)).status).toBe(204);
			expect((await call(sb, 'POST', `/v2/landings/${b.id}`)).status).toBe(204);
			expect((await call(sb, 'GET', `/v2/landings/${a.id}`)).status).toBe(404);
			expect((await call<unknown[]>(sb, 'GET', '/v2/landings')).body).toEqual([]);
		});

		it('lists, reads and updates elements; type and id cannot change', async () => {
			const page = (await call<LandingDocument>(sb, 'POST', '/v2/landings', { body: { name: 'P' } })).body;
			const element = page.elements[0];
			const list = await call<LandingElementDocument[]>(sb, 'GET', `/v2/landings/${page.id}/elements`);
			expect(list.body).toEqual([element]);
			expect(list.headers.get('link')).toContain('rel="self"');
			expect((await call(sb, 'GET', `/v2/landings/${page.id}/elements/${element.id}`)).body).toEqual(element);
			const put = await call<LandingElementDocument>(sb, 'PUT', `/v2/landings/${page.id}/elements/${element.id}`, {
				body: { type: 'Title', content: 'Welcome', level: 2, bold: false },
			});
			expect(put.status).toBe(200);
			expect(put.body).toEqual({ type: 'Title', id: element.id, content: 'Welcome', level: 2, bold: false });
			const changedType = await call<ProblemBody>(sb, 'PUT', `/v2/landings/${page.id}/elements/${element.id}`, { body: { type: 'Image' } });
			expect(changedType.status).toBe(400);
			expect(Object.keys(changedType.body.errors ?? {})).toEqual(['type']);
			expect((await call(sb, 'PUT', `/v2/landings/${page.id}/elements/${element.id}`, { body: { id: 'x' } })).status).toBe(400);
			expect((await call(sb, 'GET', `/v2/landings/${page.id}/elements/ffffffffffffffffffffffff`)).status).toBe(404);
			const reread = await call<LandingDocument>(sb, 'GET', `/v2/landings/${page.id}`);
			expect(reread.body.elements[0]).toMatchObject({ content: 'Welcome' });
		});
	});

	describe('conversations', () => {
		it('lists messages to (mt) and from (mo) a participant, and summarises them', async () => {
			const sent = await call<MessageDocument[]>(sb, 'POST', '/v2/batches', {
				body: { sender: 'iP1', recipients: ['46701234567', '46709999999'], body: 'x'.repeat(200), datacoding: 'gsm' },
			});
			await sb.control.advance(10_000);
			await call(sb, 'POST', '/v2/batches', { body: { sender: 'iP1', recipients: ['46701234567'], body: 'Again' } });
			const inbound = await sb.control.injectInbound({ from: '46701234567', body: 'Reply' });

			const all = await call<MessageDocument[]>(sb, 'GET', '/v2/conversations/46701234567');
			expect(all.body.map((m) => m.body)).toEqual(['x'.repeat(200), 'Again', 'Reply']);
			expect(all.body[0].statuses).toHaveLength(1);
			expect(all.headers.get('link')).toContain('rel="self"');
			const mt = await call<MessageDocument[]>(sb, 'GET', '/v2/conversations/46701234567/mt');
			expect(mt.body.map((m) => m.id)).toEqual([sent.body[0].id, expect.any(String)]);
			const mo = await call<MessageDocument[]>(sb, 'GET', '/v2/conversations/46701234567/mo');
			expect(mo.body.map((m) => m.id)).toEqual([inbound.id]);
			const page = await call<MessageDocument[]>(sb, 'GET', '/v2/conversations/46701234567?order=DESC&limit=1');
			expect(page.body.map((m) => m.body)).toEqual(['Reply']);

			const summary = await call<ConversationSummaryDocument>(sb, 'GET', '/v2/conversations/46701234567/summary');
			expect(summary.body).toEqual({
				participant: '46701234567',
				totalMessageCount: 3,
				totalSmsCount: 4,
				mobileTerminatedMessages: { '101': { messages: 1, sms: 1 }, '201': { messages: 1, sms: 2 } },
				mobileOriginatedMessages: { '201': { messages: 1, sms: 1 } },
			});
			const empty = await call<ConversationSummaryDocument>(sb, 'GET', '/v2/conversations/46700000000/summary');
			expect(empty.body.totalMessageCount).toBe(0);
		});
	});
});
