import { startSandbox, type AccountDocument, type SandboxHandle } from '../../sandbox';
import { call, type ProblemBody } from './helpers';

describe('sandbox: account and sub-accounts (/api/me…)', () => {
	let sb: SandboxHandle;
	beforeAll(async () => {
		sb = await startSandbox();
	});
	afterAll(() => sb.close());

	it('GET /api/me answers the PascalCase overview', async () => {
		const res = await call(sb, 'GET', '/api/me');
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ Account: sb.accountId, Organization: expect.any(String), Type: 'international', Balance: 100, Currency: 'EUR' });
	});

	it('GET /api/me/account answers the account object with its key and no parent', async () => {
		const res = await call<AccountDocument>(sb, 'GET', '/api/me/account');
		expect(res.body).toEqual({ Key: sb.token, Parent: null, Type: 'international', Balance: 100, Currency: 'EUR', ID: sb.accountId, Name: expect.any(String) });
	});

	it('reflects createAccount options', async () => {
		const acc = sb.control.createAccount({ name: 'Sthlm', balance: 500, type: 'swedish' });
		const res = await call<AccountDocument>(sb, 'GET', '/api/me/account', { token: acc.token });
		expect(res.body).toMatchObject({ ID: acc.accountId, Name: 'Sthlm', Balance: 500, Type: 'swedish', Currency: 'SEK' });
	});

	it('creates a sub-account whose Key is a working, isolated token', async () => {
		const created = await call<AccountDocument>(sb, 'POST', '/api/me/children', { body: { Name: 'Support dept' } });
		expect(created.status).toBe(201);
		const child = created.body;
		expect(child).toMatchObject({ Parent: sb.accountId, Name: 'Support dept', Type: 'international', Currency: 'EUR' });
		expect(child.ID).toMatch(/^ip1-\d+$/);
		expect(child.Key).not.toBe(sb.token);

		const me = await call<AccountDocument>(sb, 'GET', '/api/me/account', { token: child.Key });
		expect(me.body).toMatchObject({ ID: child.ID, Parent: sb.accountId });

		const sent = await call<Array<{ batchId: string; owner: string }>>(sb, 'POST', '/v2/batches', {
			token: child.Key,
			body: { sender: 'iP1', recipients: ['46700000001'], body: 'From the child' },
		});
		expect(sent.status).toBe(201);
		expect(sent.body[0].owner).toBe(child.ID);
		expect((await call(sb, 'GET', `/v2/batches/${sent.body[0].batchId}`)).status).toBe(404);
		expect((await call(sb, 'GET', `/v2/batches/${sent.body[0].batchId}`, { token: child.Key })).status).toBe(200);

		const list = await call<AccountDocument[]>(sb, 'GET', '/api/me/children');
		expect(list.body.map((c) => c.ID)).toContain(child.ID);
		expect(list.headers.get('link')).toBeNull();
		expect((await call(sb, 'GET', `/api/me/children/${child.ID}`)).body).toEqual({ ...child, Balance: -0.0416 });
		expect((await call<AccountDocument[]>(sb, 'GET', '/api/me/children', { token: child.Key })).body).toEqual([]);
		expect(sb.control.state(sb.token).children).toContain(child.ID);
	});

	it('refuses a missing, empty or too long Name', async () => {
		for (const body of [{}, { Name: '' }, { Name: 'x'.repeat(101) }, { Name: 5 }]) {
			const res = await call<ProblemBody>(sb, 'POST', '/api/me/children', { body });
			expect(res.status).toBe(400);
			expect(Object.keys(res.body.errors ?? {})).toEqual(['Name']);
		}
		expect((await call(sb, 'POST', '/api/me/children', { body: { Name: 'x'.repeat(100) } })).status).toBe(201);
	});

	it('updates a sub-account name; ID must equal the path id', async () => {
		const child = (await call<AccountDocument>(sb, 'POST', '/api/me/children', { body: { Name: 'Old' } })).body;
		const res = await call<AccountDocument>(sb, 'PUT', `/api/me/children/${child.ID}`, { body: { ID: child.ID, Name: 'New' } });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ ID: child.ID, Name: 'New', Key: child.Key });
		const mismatch = await call<ProblemBody>(sb, 'PUT', `/api/me/children/${child.ID}`, { body: { ID: 'ip1-1', Name: 'X' } });
		expect(mismatch.status).toBe(400);
		expect(Object.keys(mismatch.body.errors ?? {})).toEqual(['ID']);
	});

	it('answers 404 for an account that is not a child of the caller', async () => {
		const stranger = sb.control.createAccount();
		expect((await call(sb, 'GET', `/api/me/children/${stranger.accountId}`)).status).toBe(404);
		expect((await call(sb, 'PUT', `/api/me/children/${stranger.accountId}`, { body: { ID: stranger.accountId, Name: 'x' } })).status).toBe(404);
		expect((await call(sb, 'GET', `/api/me/children/${sb.accountId}`)).status).toBe(404);
	});
});
