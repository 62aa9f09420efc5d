import type { IDataObject } from 'n8n-workflow';

import type { SandboxCredentials } from '../harness/engine';
import { useSandbox } from '../harness/sandbox';
import { expectInputError, jsonOf, pairedIndexes, requestsTo, run, runOk, seedContacts } from './helpers';

const fixture = useSandbox();
const GET_MANY = { resource: 'contact', operation: 'getAll', returnAll: true };

/** Four contacts: labels, departments and one blocked number to filter on. */
async function audience(): Promise<{ credentials: SandboxCredentials; ids: string[] }> {
	const credentials = fixture.newAccount();
	const contacts = await seedContacts(credentials, [
		{ phone: '+46701000001', labels: 'customers, vip', department: 'Sales' },
		{ phone: '+46701000002', labels: 'customers', department: 'Support' },
		{ phone: '+46701000003', labels: 'vip', department: 'Sales' },
		{ phone: '+46701000004', department: 'Sales' },
	]);
	await runOk({ credentials, parameters: { resource: 'blacklist', operation: 'add', phoneNumber: '+46701000003' } });
	fixture.sandbox.control.clearRequests();
	return { credentials, ids: contacts.map((contact) => contact.id as string) };
}

function phones(output: IDataObject[]): string[] {
	return output.map((contact) => (contact.properties as IDataObject).phoneNumber as string);
}

describe('Contact → Get Many filters', () => {
	test('no filter lists every contact, without metadata', async () => {
		const { credentials } = await audience();
		const output = await runOk({ credentials, parameters: GET_MANY });
		expect(phones(output)).toEqual(['+46701000001', '+46701000002', '+46701000003', '+46701000004']);
		expect(output[0]).not.toHaveProperty('metadata');
		const [request] = requestsTo(fixture, 'GET', '/v2/contacts');
		expect(Object.keys(request.query).sort()).toEqual(['limit', 'order', 'start']);
	});

	test('by one label', async () => {
		const { credentials } = await audience();
		const output = await runOk({ credentials, parameters: { ...GET_MANY, filters: { labels: ['vip'] } } });
		expect(phones(output)).toEqual(['+46701000001', '+46701000003']);
		expect(requestsTo(fixture, 'GET', '/v2/contacts')[0].query.labels).toBe('vip');
	});

	test('by several labels: a repeated labels= parameter, contacts carrying all of them', async () => {
		const { credentials } = await audience();
		const output = await runOk({ credentials, parameters: { ...GET_MANY, filters: { labels: ['customers', 'vip'] } } });
		expect(phones(output)).toEqual(['+46701000001']);
		expect(requestsTo(fixture, 'GET', '/v2/contacts')[0].query.labels).toEqual(['customers', 'vip']);
	});

	test('labels mapped as a comma-separated string from an expression', async () => {
		const { credentials } = await audience();
		const output = await runOk({
			credentials,
			parameters: { ...GET_MANY, filters: { labels: '={{ $json.labels }}' } },
			items: [{ labels: 'customers, vip' }],
		});
		expect(phones(output)).toEqual(['+46701000001']);
	});

	test('by property values: properties[key]=value, exact match', async () => {
		const { credentials } = await audience();
		const output = await runOk({
			credentials,
			parameters: {
				...GET_MANY,
				filters: {
					propertyValues: {
						property: [
							{ name: 'department', value: 'Sales' },
							{ name: 'phoneNumber', value: '+46701000004' },
						],
					},
				},
			},
		});
		expect(phones(output)).toEqual(['+46701000004']);
		const [request] = requestsTo(fixture, 'GET', '/v2/contacts');
		expect(request.query['properties[department]']).toBe('Sales');
		expect(request.query['properties[phoneNumber]']).toBe('+46701000004');
	});

	test('by metadata values: metadata[path]=value, asking for metadata but outputting it only when wanted', async () => {
		const { credentials } = await audience();
		const filters = { metadataValues: { metadata: [{ path: 'phoneNumber.isBlocked', value: 'true' }] } };
		const output = await runOk({ credentials, parameters: { ...GET_MANY, filters } });
		expect(phones(output)).toEqual(['+46701000003']);
		expect(output[0]).not.toHaveProperty('metadata');
		const [request] = requestsTo(fixture, 'GET', '/v2/contacts');
		expect(request.query['metadata[phoneNumber.isBlocked]']).toBe('true');
		expect(request.query.meta).toBe('true');

		const withMeta = await runOk({ credentials, parameters: { ...GET_MANY, filters, options: { includeMetadata: true } } });
		expect(withMeta[0].metadata).toMatchObject({ phoneNumber: { isBlocked: 'true', parsedMSISDN: '46701000003' } });
	});

	test('label, property and metadata filters together (AND)', async () => {
		const { credentials } = await audience();
		const output = await runOk({
			credentials,
			parameters: {
				...GET_MANY,
				filters: {
					labels: ['vip'],
					propertyValues: { property: [{ name: 'department', value: 'Sales' }] },
					metadataValues: { metadata: [{ path: 'phoneNumber.isBlocked', value: 'false' }] },
				},
			},
		});
		expect(phones(output)).toEqual(['+46701000001']);
	});

	test('filter rows without a name or path are input errors, before any request', async () => {
		const { credentials } = await audience();
		let error = await expectInputError(fixture, {
			credentials,
			parameters: { ...GET_MANY, filters: { propertyValues: { property: [{ name: '', value: 'x' }] } } },
		});
		expect(error.message).toMatch(/"Filters → Property Values → Property" is required/);
		error = await expectInputError(fixture, {
			credentials,
			parameters: { ...GET_MANY, filters: { metadataValues: { metadata: [{ path: 'phone number', value: 'x' }] } } },
		});
		expect(error.message).toMatch(/must be a dotted path/);
		error = await expectInputError(fixture, {
			credentials,
			parameters: {
				...GET_MANY,
				filters: { propertyValues: { property: [{ name: 'department', value: 'a' }, { name: 'department', value: 'b' }] } },
			},
		});
		expect(error.message).toMatch(/is given twice/);
	});
});

describe('Contact → Delete Many', () => {
	test('an empty filter is refused without any request unless "Delete All Contacts" is on', async () => {
		const { credentials } = await audience();
		const error = await expectInputError(fixture, { credentials, parameters: { resource: 'contact', operation: 'deleteMany' } });
		expect(error.message).toMatch(/"Filters" are empty, and without a filter iP.1 deletes EVERY contact/);
		expect(error.description).toMatch(/switch on "Delete All Contacts"/);
		// Filter rows that are all empty collections count as no filter.
		await expectInputError(fixture, {
			credentials,
			parameters: { resource: 'contact', operation: 'deleteMany', filters: { labels: [], propertyValues: {} } },
		});
		expect(fixture.sandbox.control.state(credentials.apiToken).contacts).toHaveLength(4);
	});

	test('deletes only the contacts that match and reports how many', async () => {
		const { credentials } = await audience();
		const output = await runOk({
			credentials,
			parameters: { resource: 'contact', operation: 'deleteMany', filters: { labels: ['vip'] } },
		});
		expect(output[0]).toMatchObject({ deletedCount: 2, allContacts: false, filter: { labels: 'vip' } });
		expect(phones(output[0].deletedContacts as IDataObject[])).toEqual(['+46701000001', '+46701000003']);
		const [request] = requestsTo(fixture, 'DELETE', '/v2/contacts');
		expect(request.query).toEqual({ labels: 'vip' });
		expect(phones(fixture.sandbox.control.state(credentials.apiToken).contacts as unknown as IDataObject[])).toEqual([
			'+46701000002',
			'+46701000004',
		]);
	});

	test('by property and metadata filters', async () => {
		const { credentials } = await audience();
		const output = await runOk({
			credentials,
			parameters: {
				resource: 'contact',
				operation: 'deleteMany',
				filters: {
					propertyValues: { property: [{ name: 'department', value: 'Sales' }] },
					metadataValues: { metadata: [{ path: 'phoneNumber.isBlocked', value: 'false' }] },
				},
			},
		});
		expect(output[0].deletedCount).toBe(2);
		expect(phones(output[0].deletedContacts as IDataObject[])).toEqual(['+46701000001', '+46701000004']);
	});

	test('"Delete All Contacts" with no filter deletes every contact and says so', async () => {
		const { credentials } = await audience();
		const output = await runOk({ credentials, parameters: { resource: 'contact', operation: 'deleteMany', deleteAll: true } });
		expect(output[0]).toMatchObject({ deletedCount: 4, allContacts: true, filter: {} });
		expect(fixture.sandbox.control.state(credentials.apiToken).contacts).toHaveLength(0);
	});

	test('Continue On Fail: an item with an empty filter is returned with its error, the others run', async () => {
		const { credentials } = await audience();
		const result = await run({
			credentials,
			continueOnFail: true,
			parameters: { resource: 'contact', operation: 'deleteMany', filters: { labels: '={{ $json.label }}' } },
			items: [{ label: 'vip' }, { label: '' }],
		});
		expect(result.error).toBeUndefined();
		expect(pairedIndexes(result)).toEqual([[0], [1]]);
		const output = jsonOf(result);
		expect(output[0].deletedCount).toBe(2);
		expect(output[1].error).toMatch(/Item 1: "Filters" are empty/);
		expect(fixture.sandbox.control.countRequests({ method: 'DELETE', path: '/v2/contacts' })).toBe(1);
	});
});

describe('Contact → Get Summary', () => {
	test('counts contacts and lists labels and properties with their usage', async () => {
		const { credentials } = await audience();
		const output = await runOk({ credentials, parameters: { resource: 'contact', operation: 'getSummary' } });
		expect(output[0].totalCount).toBe(4);
		expect(output[0].labels).toEqual([
			{ labelName: 'customers', usageCount: 2 },
			{ labelName: 'vip', usageCount: 2 },
		]);
		expect(output[0].properties).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ propertyName: 'phoneNumber', usageCount: 4, maxLength: 12, minLength: 12 }),
				expect.objectContaining({ propertyName: 'department', usageCount: 4 }),
			]),
		);
	});
});
