import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../harness/sandbox';
import { expectInputError, jsonOf, pairedIndexes, requestsTo, run, runOk, seedContacts } from './helpers';

const fixture = useSandbox();
const CONTACT = { resource: 'contact' };

describe('Contact → Create (one per item)', () => {
	test('normalises phone numbers to +E.164 and stores the mapped fields, custom properties and labels', async () => {
		const credentials = fixture.newAccount();
		const output = await runOk({
			credentials,
			parameters: {
				...CONTACT,
				operation: 'create',
				phoneNumber: '={{ $json.phone }}',
				additionalFields: {
					email: '={{ $json.email }}',
					firstName: 'Icarus',
					lastName: 'Sol',
					labels: 'customers, newsletter, customers',
					customProperties: { property: [{ name: 'department', value: 'Sales' }] },
				},
				options: { defaultCountryCode: '46' },
			},
			items: [
				{ phone: '070-123 45 67', email: 'icarus@example.com' },
				{ phone: '+46 (0)70 123 45 68', email: 'daedalus@example.com' },
				{ phone: '0047 912 34 567', email: 'nor@example.com' },
			],
		});
		expect(output.map((contact) => (contact.properties as IDataObject).phoneNumber)).toEqual([
			'+46701234567',
			'+46701234568',
			'+4791234567',
		]);
		expect(output[0]).toMatchObject({
			id: expect.stringMatching(/^[0-9a-f]{24}$/),
			properties: {
				email: 'icarus@example.com',
				firstName: 'Icarus',
				lastName: 'Sol',
				department: 'Sales',
			},
			labels: ['customers', 'newsletter'],
		});
		// One synchronous request per item, each a one-element array.
		const posts = requestsTo(fixture, 'POST', '/v2/contacts').filter((request) => request.accountId === fixture.sandbox.control.state(credentials.apiToken).accountId);
		expect(posts.slice(-3).map((request) => [request.query.sync, (request.body as unknown[]).length])).toEqual([
			['true', 1],
			['true', 1],
			['true', 1],
		]);
		expect(fixture.sandbox.control.state(credentials.apiToken).contacts).toHaveLength(3);
	});

	test('input errors stop the node before any request: bad number, national number without country code, bad email, empty contact', async () => {
		const credentials = fixture.newAccount();
		const base = { ...CONTACT, operation: 'create' };
		let error = await expectInputError(fixture, {
			credentials,
			parameters: { ...base, phoneNumber: '+46 70 12a' },
		});
		expect(error.message).toMatch(/"Phone Number" may only contain digits/);
		error = await expectInputError(fixture, { credentials, parameters: { ...base, phoneNumber: '0701234567' } });
		expect(error.message).toMatch(/national number.*Default Country Code/);
		error = await expectInputError(fixture, {
			credentials,
			parameters: { ...base, phoneNumber: '+46701234567', additionalFields: { email: 'not-an-address' } },
		});
		expect(error.message).toMatch(/"Email" is not an email address/);
		error = await expectInputError(fixture, { credentials, parameters: { ...base, phoneNumber: '' } });
		expect(error.message).toMatch(/a contact needs at least one/);
		error = await expectInputError(fixture, {
			credentials,
			parameters: {
				...base,
				phoneNumber: '+46701234567',
				additionalFields: { customProperties: { property: [{ name: 'phoneNumber', value: '1' }] } },
			},
		});
		expect(error.message).toMatch(/may not be phoneNumber, which has a field of its own/);
	});

	test('Continue On Fail: good items are created, bad ones come back with their error, each paired to its input', async () => {
		const credentials = fixture.newAccount();
		const result = await run({
			credentials,
			continueOnFail: true,
			parameters: { ...CONTACT, operation: 'create', phoneNumber: '={{ $json.phone }}' },
			items: [{ phone: '+46701234567' }, { phone: 'call me' }, { phone: '+46701234569' }],
		});
		expect(result.error).toBeUndefined();
		const output = jsonOf(result);
		expect(pairedIndexes(result)).toEqual([[0], [1], [2]]);
		expect((output[0].properties as IDataObject).phoneNumber).toBe('+46701234567');
		expect(output[1].error).toMatch(/Item 1: "Phone Number"/);
		expect((output[2].properties as IDataObject).phoneNumber).toBe('+46701234569');
		expect(fixture.sandbox.control.state(credentials.apiToken).contacts).toHaveLength(2);
	});
});

describe('Contact → Create with Import All Items', () => {
	test('imports 2,500 items as ONE background request and reports how many were accepted', async () => {
		const credentials = fixture.newAccount();
		const accountId = fixture.sandbox.control.state(credentials.apiToken).accountId;
		const items = Array.from({ length: 2500 }, (_, index) => ({ phone: `+4670${String(1000000 + index)}` }));
		fixture.sandbox.control.clearRequests();
		const result = await run({
			credentials,
			parameters: { ...CONTACT, operation: 'create', importAllItems: true, phoneNumber: '={{ $json.phone }}' },
			items,
		});
		expect(result.error).toBeUndefined();
		const posts = requestsTo(fixture, 'POST', '/v2/contacts').filter((request) => request.accountId === accountId);
		expect(posts).toHaveLength(1);
		expect(posts[0].query.sync).toBeUndefined();
		expect(posts[0].body as unknown[]).toHaveLength(2500);
		expect((posts[0].body as IDataObject[])[0]).toEqual({ properties: { phoneNumber: '+46701000000' }, labels: [] });
		expect(jsonOf(result)).toEqual([{ accepted: 2500, submitted: 2500, mode: 'background' }]);
		// One summary item, paired with every input item.
		expect(pairedIndexes(result)[0]).toHaveLength(2500);
		await fixture.sandbox.control.settle();
		expect(fixture.sandbox.control.state(credentials.apiToken).contacts).toHaveLength(2500);
	});

	test('Wait for Import below 1,000 contacts: one synchronous request, one created contact per item, paired', async () => {
		const credentials = fixture.newAccount();
		const items = Array.from({ length: 5 }, (_, index) => ({ phone: `070123456${index}` }));
		fixture.sandbox.control.clearRequests();
		const result = await run({
			credentials,
			parameters: {
				...CONTACT,
				operation: 'create',
				importAllItems: true,
				phoneNumber: '={{ $json.phone }}',
				additionalFields: { labels: 'imported' },
				options: { waitForImport: true, defaultCountryCode: '46' },
			},
			items,
		});
		expect(result.error).toBeUndefined();
		expect(fixture.sandbox.control.countRequests({ method: 'POST', path: '/v2/contacts' })).toBe(1);
		expect(requestsTo(fixture, 'POST', '/v2/contacts')[0].query.sync).toBe('true');
		const output = jsonOf(result);
		expect(output.map((contact) => (contact.properties as IDataObject).phoneNumber)).toEqual(
			items.map((_, index) => `+4670123456${index}`),
		);
		expect(output.every((contact) => typeof contact.id === 'string')).toBe(true);
		expect(pairedIndexes(result)).toEqual([[0], [1], [2], [3], [4]]);
	});

	test('Wait for Import with 1,000 or more contacts is refused before any request', async () => {
		const credentials = fixture.newAccount();
		const error = await expectInputError(fixture, {
			credentials,
			parameters: {
				...CONTACT,
				operation: 'create',
				importAllItems: true,
				phoneNumber: '={{ $json.phone }}',
				options: { waitForImport: true },
			},
			items: Array.from({ length: 1000 }, (_, index) => ({ phone: `+4670${String(2000000 + index)}` })),
		});
		expect(error.message).toMatch(/fewer than 1,000 contacts \(got 1,000\)/);
		expect(error.description).toMatch(/Switch off Options → Wait for Import/);
	});

	test('Wait for Import over the limit under Continue On Fail: every item returns the error, nothing is sent', async () => {
		const credentials = fixture.newAccount();
		const before = fixture.sandbox.control.countRequests();
		const result = await run({
			credentials,
			continueOnFail: true,
			parameters: {
				...CONTACT,
				operation: 'create',
				importAllItems: true,
				phoneNumber: '={{ $json.phone }}',
				options: { waitForImport: true },
			},
			items: Array.from({ length: 1200 }, (_, index) => ({ phone: `+4670${String(4000000 + index)}` })),
		});
		expect(fixture.sandbox.control.countRequests()).toBe(before);
		expect(result.items).toHaveLength(1200);
		expect(pairedIndexes(result)[1199]).toEqual([1199]);
		expect(jsonOf(result)[0].error).toMatch(/fewer than 1,000 contacts \(got 1,200\)/);
	});

	test('Continue On Fail: bad items are returned with their error, the good ones still go in one request', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.clearRequests();
		const result = await run({
			credentials,
			continueOnFail: true,
			parameters: {
				...CONTACT,
				operation: 'create',
				importAllItems: true,
				phoneNumber: '={{ $json.phone }}',
				options: { waitForImport: true },
			},
			items: [{ phone: '+46701234567' }, { phone: '12' }, { phone: '+46701234569' }],
		});
		expect(result.error).toBeUndefined();
		expect(fixture.sandbox.control.countRequests({ method: 'POST', path: '/v2/contacts' })).toBe(1);
		expect(requestsTo(fixture, 'POST', '/v2/contacts')[0].body as unknown[]).toHaveLength(2);
		const output = jsonOf(result);
		expect(pairedIndexes(result)).toEqual([[0], [1], [2]]);
		expect(output[1].error).toMatch(/Item 1: "Phone Number" must have 7 to 15 digits/);
		expect((output[2].properties as IDataObject).phoneNumber).toBe('+46701234569');
	});

	test('without Continue On Fail one bad item stops the import before any request', async () => {
		const credentials = fixture.newAccount();
		const error = await expectInputError(fixture, {
			credentials,
			parameters: { ...CONTACT, operation: 'create', importAllItems: true, phoneNumber: '={{ $json.phone }}' },
			items: [{ phone: '+46701234567' }, { phone: 'nope' }],
		});
		expect(error.message).toMatch(/^Item 1: "Phone Number"/);
	});

	test('an API refusal of the import fails every item under Continue On Fail', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/contacts', kind: 'status', status: 400, body: '{"title":"Bad import"}', contentType: 'application/json' });
		const result = await run({
			credentials,
			continueOnFail: true,
			parameters: { ...CONTACT, operation: 'create', importAllItems: true, phoneNumber: '={{ $json.phone }}' },
			items: [{ phone: '+46701234567' }, { phone: '+46701234568' }],
		});
		fixture.sandbox.control.clearFaults();
		expect(pairedIndexes(result)).toEqual([[0], [1]]);
		expect(jsonOf(result).map((item) => item.error)).toEqual([
			expect.stringMatching(/iP.1 API error 400: Bad import/),
			expect.stringMatching(/iP.1 API error 400: Bad import/),
		]);
	});
});

describe('Contact → Get, Update, Replace, Delete', () => {
	test('Get returns the contact, with metadata only when asked', async () => {
		const credentials = fixture.newAccount();
		const [contact] = await seedContacts(credentials, [{ phone: '+46701234567', labels: 'customers' }]);
		const plain = await runOk({ credentials, parameters: { ...CONTACT, operation: 'get', contactId: contact.id as string } });
		expect(plain[0]).toEqual({
			id: contact.id,
			ownerId: expect.stringMatching(/^ip1-/),
			properties: { phoneNumber: '+46701234567' },
			labels: ['customers'],
		});
		const withMeta = await runOk({
			credentials,
			parameters: { ...CONTACT, operation: 'get', contactId: contact.id as string, options: { includeMetadata: true } },
		});
		expect(withMeta[0].metadata).toMatchObject({
			phoneNumber: { parsedMSISDN: '46701234567', isBlocked: 'false', phoneNumberType: 'MOBILE' },
		});
		const gets = requestsTo(fixture, 'GET', `/v2/contacts/${String(contact.id)}`);
		expect(gets.slice(-2).map((request) => request.query.meta)).toEqual([undefined, 'true']);
	});

	test('Get of an unknown contact fails with the API message; an empty Contact ID sends nothing', async () => {
		const credentials = fixture.newAccount();
		const result = await run({ credentials, parameters: { ...CONTACT, operation: 'get', contactId: '000000000000000000000000' } });
		expect(result.error?.message).toMatch(/iP.1 API error 404/);
		const error = await expectInputError(fixture, { credentials, parameters: { ...CONTACT, operation: 'get', contactId: ' ' } });
		expect(error.message).toMatch(/"Contact ID" is required/);
	});

	test('Update changes only the given fields; a field left empty is sent as null and removed', async () => {
		const credentials = fixture.newAccount();
		const [contact] = await seedContacts(credentials, [
			{ phone: '+46701234567', email: 'a@example.com', firstName: 'Ann', labels: 'x', department: 'Sales' },
		]);
		fixture.sandbox.control.clearRequests();
		const output = await runOk({
			credentials,
			parameters: {
				...CONTACT,
				operation: 'update',
				contactId: contact.id as string,
				updateFields: {
					phoneNumber: '070 765 43 21',
					email: '',
					customProperties: { property: [{ name: 'department', value: '' }, { name: 'region', value: 'North' }] },
				},
				options: { defaultCountryCode: '46' },
			},
		});
		const [patch] = requestsTo(fixture, 'PATCH', `/v2/contacts/${String(contact.id)}`);
		expect(patch.body).toEqual({
			id: contact.id,
			properties: { phoneNumber: '+46707654321', email: null, department: null, region: 'North' },
		});
		expect(output[0]).toMatchObject({
			id: contact.id,
			properties: { phoneNumber: '+46707654321', firstName: 'Ann', region: 'North' },
			labels: ['x'],
		});
		expect(output[0].properties).not.toHaveProperty('email');
		expect(output[0].properties).not.toHaveProperty('department');
	});

	test('Update with empty Labels clears the labels; with nothing to update it refuses before any request', async () => {
		const credentials = fixture.newAccount();
		const [contact] = await seedContacts(credentials, [{ phone: '+46701234567', labels: 'a, b' }]);
		const output = await runOk({
			credentials,
			parameters: { ...CONTACT, operation: 'update', contactId: contact.id as string, updateFields: { labels: '' } },
		});
		expect(output[0].labels).toEqual([]);
		const error = await expectInputError(fixture, {
			credentials,
			parameters: { ...CONTACT, operation: 'update', contactId: contact.id as string, updateFields: {} },
		});
		expect(error.message).toMatch(/"Update Fields" are empty/);
	});

	test('Replace overwrites the whole contact with PUT', async () => {
		const credentials = fixture.newAccount();
		const [contact] = await seedContacts(credentials, [{ phone: '+46701234567', email: 'a@example.com', labels: 'a', department: 'Sales' }]);
		fixture.sandbox.control.clearRequests();
		const output = await runOk({
			credentials,
			parameters: {
				...CONTACT,
				operation: 'replace',
				contactId: contact.id as string,
				phoneNumber: '0046 70 111 22 33',
				additionalFields: { firstName: 'Bo', labels: 'vip' },
			},
		});
		const [put] = requestsTo(fixture, 'PUT', `/v2/contacts/${String(contact.id)}`);
		expect(put.body).toEqual({ id: contact.id, properties: { phoneNumber: '+46701112233', firstName: 'Bo' }, labels: ['vip'] });
		expect(output[0]).toMatchObject({ id: contact.id, properties: { phoneNumber: '+46701112233', firstName: 'Bo' }, labels: ['vip'] });
		expect(Object.keys(output[0].properties as IDataObject).sort()).toEqual(['firstName', 'phoneNumber']);
	});

	test('Delete removes one contact and outputs it', async () => {
		const credentials = fixture.newAccount();
		const [first, second] = await seedContacts(credentials, [{ phone: '+46701234567' }, { phone: '+46701234568' }]);
		const output = await runOk({ credentials, parameters: { ...CONTACT, operation: 'delete', contactId: first.id as string } });
		expect(output[0]).toMatchObject({ id: first.id, deleted: true, properties: { phoneNumber: '+46701234567' } });
		expect(fixture.sandbox.control.state(credentials.apiToken).contacts.map((contact) => contact.id)).toEqual([second.id]);
	});
});
