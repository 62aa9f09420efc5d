import { jsonOf, runNode } from '../harness/engine';
import { useSandbox } from '../harness/sandbox';

const fixture = useSandbox();

describe('Account and sub-accounts through the real engine', () => {
	test('Get Overview outputs the PascalCase overview in camelCase with a lowercase type', async () => {
		const result = await runNode({
			parameters: { resource: 'account', operation: 'getOverview' },
			credentials: fixture.credentials,
		});
		expect(result.error).toBeUndefined();
		const [overview] = jsonOf(result);
		expect(overview.account).toBe(fixture.sandbox.accountId);
		expect(Object.keys(overview).every((key) => key.charAt(0) === key.charAt(0).toLowerCase())).toBe(true);
		expect(['swedish', 'international']).toContain(overview.type);
		expect(typeof overview.balance).toBe('number');
	});

	test('Get Details masks the account key: it is the credential token itself', async () => {
		const result = await runNode({
			parameters: { resource: 'account', operation: 'getDetails' },
			credentials: fixture.credentials,
		});
		expect(result.error).toBeUndefined();
		const [details] = jsonOf(result);
		expect(details.id).toBe(fixture.sandbox.accountId);
		expect(details.keyMasked).toBe(true);
		expect(JSON.stringify(result.items)).not.toContain(fixture.sandbox.token);
	});

	test('sub-accounts: create, get, get many, update; keys masked unless revealed', async () => {
		const credentials = fixture.newAccount();
		const created = await runNode({
			parameters: { resource: 'subAccount', operation: 'create', name: 'Support' },
			credentials,
		});
		expect(created.error).toBeUndefined();
		const [child] = jsonOf(created);
		expect(child.name).toBe('Support');
		expect(child.id).toMatch(/^ip1-\d+$/);
		expect(child.key).toMatch(/^\*{8}/);

		const revealed = await runNode({
			parameters: { resource: 'subAccount', operation: 'get', subAccountId: String(child.id), options: { revealApiKey: true } },
			credentials,
		});
		const [full] = jsonOf(revealed);
		expect(full.keyMasked).toBeUndefined();
		expect(String(full.key).endsWith(String(child.key).slice(-4))).toBe(true);
		// The revealed key is a working token of an isolated account.
		const asChild = await runNode({
			parameters: { resource: 'account', operation: 'getOverview' },
			credentials: { apiToken: String(full.key), baseUrl: credentials.baseUrl },
		});
		expect(jsonOf(asChild)[0].account).toBe(child.id);

		const updated = await runNode({
			parameters: { resource: 'subAccount', operation: 'update', subAccountId: String(child.id), name: 'Sales' },
			credentials,
		});
		expect(jsonOf(updated)[0].name).toBe('Sales');

		await runNode({ parameters: { resource: 'subAccount', operation: 'create', name: 'Ops' }, credentials });
		const limited = await runNode({
			parameters: { resource: 'subAccount', operation: 'getAll', returnAll: false, limit: 1 },
			credentials,
		});
		expect(jsonOf(limited)).toHaveLength(1);
		const all = await runNode({ parameters: { resource: 'subAccount', operation: 'getAll', returnAll: true }, credentials });
		expect(jsonOf(all).map((account) => account.name).sort()).toEqual(['Ops', 'Sales']);
	});

	test('input errors name the field and the item and send nothing', async () => {
		const before = fixture.sandbox.control.countRequests();
		const result = await runNode({
			parameters: { resource: 'subAccount', operation: 'get', subAccountId: 'not-an-id' },
			credentials: fixture.credentials,
		});
		expect(result.error?.message).toBe('Item 0: "Sub-Account" must be an iP.1 account ID: "ip1-" followed by digits (got "not-an-id")');
		expect(result.error?.description).toMatch(/Choose the sub-account/);
		expect(fixture.sandbox.control.countRequests()).toBe(before);
	});

	test('Continue On Fail: good items go out, bad items come back with their error, paired', async () => {
		const result = await runNode({
			parameters: { resource: 'subAccount', operation: 'create', name: '={{ $json.name }}' },
			items: [{ name: 'One' }, { name: '' }, { name: 'Three' }],
			credentials: fixture.newAccount(),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json.name).toBe('One');
		expect(result.items[1].json.error).toMatch(/^Item 1: "Name" must be 1 to 100 characters/);
		expect(result.items[2].json.name).toBe('Three');
	});

	test('an unknown sub-account is a 404 NodeApiError with the API message', async () => {
		const result = await runNode({
			parameters: { resource: 'subAccount', operation: 'get', subAccountId: 'ip1-999999' },
			credentials: fixture.credentials,
		});
		expect(result.error?.message).toMatch(/^iP\.1 API error 404/);
		expect(result.error?.description).toMatch(/found nothing with this ID/);
	});
});
