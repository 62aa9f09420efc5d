import { startSandbox, type SandboxHandle } from '../../sandbox';
import { call, type ProblemBody } from './helpers';

const SEND = { sender: 'iP1', recipients: ['46700000001'], body: 'Hi' };

describe('sandbox: auth, isolation, error model', () => {
	let sb: SandboxHandle;
	beforeAll(async () => {
		sb = await startSandbox();
	});
	afterAll(() => sb.close());

	it('listens on 127.0.0.1 and gives a ready account', () => {
		expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sb.accountId).toBe('ip1-10001');
		expect(sb.token.length).toBeGreaterThan(20);
	});

	it.each([
		['no header', null, 'Bearer'],
		['an unknown token', 'not-a-token', 'Bearer error="invalid_token"'],
	])('answers 401 problem+json with WWW-Authenticate for %s', async (_label, token, challenge) => {
		const res = await call<ProblemBody>(sb, 'GET', '/v2/batches', { token });
		expect(res.status).toBe(401);
		expect(res.headers.get('www-authenticate')).toBe(challenge);
		expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
		expect(res.body).toMatchObject({ type: 'https://tools.ietf.org/html/rfc7235#section-3.1', title: 'Unauthorized', status: 401 });
		expect(res.body.errors).toBeUndefined();
		expect(res.body.traceId).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
	});

	it('refuses other schemes than Bearer', async () => {
		const res = await call(sb, 'GET', '/api/me', { token: null, headers: { authorization: `Basic ${sb.token}` } });
		expect(res.status).toBe(401);
	});

	it('requires auth on the /api/me family too', async () => {
		expect((await call(sb, 'GET', '/api/me', { token: null })).status).toBe(401);
		expect((await call(sb, 'GET', '/api/me')).status).toBe(200);
	});

	it('answers 404 for unknown routes and 405 with Allow for a wrong method', async () => {
		const unknown = await call<ProblemBody>(sb, 'GET', '/v2/unknown');
		expect(unknown.status).toBe(404);
		expect(unknown.body.type).toBe('https://tools.ietf.org/html/rfc7231#section-6.5.4');
		const wrong = await call<ProblemBody>(sb, 'PATCH', '/v2/batches');
		expect(wrong.status).toBe(405);
		expect(wrong.headers.get('allow')).toContain('POST');
		expect(wrong.body.status).toBe(405);
	});

	it('answers 400 with an errors object for malformed JSON and creates nothing', async () => {
		const res = await call<ProblemBody>(sb, 'POST', '/v2/batches', { rawBody: '{"sender": "iP1",' });
		expect(res.status).toBe(400);
		expect(res.body.type).toBe('https://tools.ietf.org/html/rfc7231#section-6.5.1');
		expect(res.body.title).toBe('One or more validation errors occurred.');
		expect(Object.keys(res.body.errors ?? {})).toEqual(['$']);
		expect(sb.control.state(sb.token).batches).toHaveLength(0);
	});

	it('isolates accounts: ids of another account are 404, lists are separate', async () => {
		const other = sb.control.createAccount({ name: 'Other' });
		expect(other.accountId).toMatch(/^ip1-1000\d$/);
		expect(other.accountId).not.toBe(sb.accountId);

		const sent = await call<Array<{ id: string; batchId: string }>>(sb, 'POST', '/v2/batches', { body: SEND });
		expect(sent.status).toBe(201);
		const batchId = sent.body[0].batchId;

		expect((await call(sb, 'GET', `/v2/batches/${batchId}`)).status).toBe(200);
		expect((await call(sb, 'GET', `/v2/batches/${batchId}`, { token: other.token })).status).toBe(404);
		expect((await call(sb, 'DELETE', `/v2/batches/${batchId}`, { token: other.token })).status).toBe(404);
		expect((await call(sb, 'GET', `/v2/batches/${batchId}/messages/${sent.body[0].id}`, { token: other.token })).status).toBe(404);
		const otherList = await call<unknown[]>(sb, 'GET', '/v2/batches', { token: other.token });
		expect(otherList.body).toEqual([]);

		const contact = await call<Array<{ id: string }>>(sb, 'POST', '/v2/contacts?sync', { body: [{ properties: { firstName: 'A' } }] });
		expect((await call(sb, 'GET', `/v2/contacts/${contact.body[0].id}`, { token: other.token })).status).toBe(404);
		expect((await call(sb, 'GET', `/api/me`, { token: other.token })).body).toMatchObject({ Account: other.accountId });
	});

	it('uses 24-hex ids, unique across documents', async () => {
		const sent = await call<Array<{ id: string; batchId: string }>>(sb, 'POST', '/v2/batches', {
			body: { ...SEND, recipients: ['46700000001', '46700000002', '46700000003'] },
		});
		const ids = [sent.body[0].batchId, ...sent.body.map((m) => m.id)];
		for (const id of ids) expect(id).toMatch(/^[0-9a-f]{24}$/);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('never writes the token into the request log', async () => {
		sb.control.clearRequests();
		await call(sb, 'GET', '/v2/batches');
		await call(sb, 'GET', '/v2/batches', { token: 'wrong-token' });
		await call(sb, 'GET', '/v2/batches', { token: null });
		const log = sb.control.requests;
		expect(log.map((r) => r.authorization)).toEqual(['valid', 'invalid', 'missing']);
		expect(log[0].accountId).toBe(sb.accountId);
		expect(log[1].accountId).toBeUndefined();
		expect(JSON.stringify(log)).not.toContain(sb.token);
		expect(JSON.stringify(log)).not.toContain('wrong-token');
		expect(log.map((r) => r.status)).toEqual([200, 401, 401]);
	});

	it('logs method, path, query and parsed body of every API request in order', async () => {
		sb.control.clearRequests();
		await call(sb, 'GET', '/v2/batches?start=0&limit=5');
		await call(sb, 'POST', '/v2/batches', { body: SEND });
		const [first, second] = sb.control.requests;
		expect(first).toMatchObject({ method: 'GET', path: '/v2/batches', query: { start: '0', limit: '5' }, status: 200 });
		expect(second).toMatchObject({ method: 'POST', path: '/v2/batches', body: SEND, status: 201 });
		expect(Date.parse(first.at)).not.toBeNaN();
		expect(sb.control.countRequests({ method: 'POST', path: '/v2/batches' })).toBe(1);
		expect(sb.control.countRequests({ path: /^\/v2\/batch/ })).toBe(2);
	});
});
