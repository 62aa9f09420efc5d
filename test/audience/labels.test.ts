import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../harness/sandbox';
import { expectInputError, jsonOf, pairedIndexes, requestsTo, run, runOk, seedContacts } from './helpers';

const fixture = useSandbox();

function labelsOf(credentials: { apiToken: string }): Record<string, string[]> {
	const contacts = fixture.sandbox.control.state(credentials.apiToken).contacts as unknown as IDataObject[];
	return Object.fromEntries(
		contacts.map((contact) => [(contact.properties as IDataObject).phoneNumber as string, contact.labels as string[]]),
	);
}

describe('Label → Add to Contacts', () => {
	test('per item: the contact IDs of each item in one request, comma-separated or as an array', async () => {
		const credentials = fixture.newAccount();
		const contacts = await seedContacts(credentials, [
			{ phone: '+46701000001' },
			{ phone: '+46701000002' },
			{ phone: '+46701000003' },
		]);
		fixture.sandbox.control.clearRequests();
		const result = await run({
			credentials,
			parameters: { resource: 'label', operation: 'addToContacts', labelName: 'vip', contactIds: '={{ $json.ids }}' },
			items: [{ ids: `${String(contacts[0].id)}, ${String(contacts[1].id)}` }, { ids: [contacts[2].id] }],
		});
		expect(result.error).toBeUndefined();
		const posts = requestsTo(fixture, 'POST', '/v2/labels/vip/contacts');
		expect(posts.map((request) => request.body)).toEqual([[contacts[0].id, contacts[1].id], [contacts[2].id]]);
		expect(jsonOf(result)).toEqual([
			{ labelName: 'vip', usageCount: 2, contactsSent: 2 },
			{ labelName: 'vip', usageCount: 3, contactsSent: 1 },
		]);
		expect(pairedIndexes(result)).toEqual([[0], [1]]);
		expect(labelsOf(credentials)['+46701000003']).toEqual(['vip']);
	});

	test('Combine All Items: the IDs of all input items in ONE request per label, each ID once', async () => {
		const credentials = fixture.newAccount();
		const contacts = await seedContacts(
			credentials,
			Array.from({ length: 30 }, (_, index) => ({ phone: `+467010000${String(10 + index)}` })),
		);
		fixture.sandbox.control.clearRequests();
		const items = contacts.map((contact) => ({ id: contact.id }));
		items.push({ id: contacts[0].id });
		const result = await run({
			credentials,
			parameters: {
				resource: 'label',
				operation: 'addToContacts',
				labelName: 'spring sale',
				contactIds: '={{ $json.id }}',
				combineItems: true,
			},
			items,
		});
		expect(result.error).toBeUndefined();
		const posts = requestsTo(fixture, 'POST', /^\/v2\/labels\/spring(%20| )sale\/contacts$/);
		expect(posts).toHaveLength(1);
		expect(posts[0].body as string[]).toHaveLength(30);
		expect(jsonOf(result)).toEqual([{ labelName: 'spring sale', usageCount: 30, contactsSent: 30 }]);
		expect(pairedIndexes(result)[0]).toHaveLength(31);
	});

	test('Combine All Items with two labels makes one request per label', async () => {
		const credentials = fixture.newAccount();
		const contacts = await seedContacts(credentials, [{ phone: '+46701000001' }, { phone: '+46701000002' }]);
		fixture.sandbox.control.clearRequests();
		const result = await run({
			credentials,
			parameters: {
				resource: 'label',
				operation: 'addToContacts',
				labelName: '={{ $json.label }}',
				contactIds: '={{ $json.id }}',
				combineItems: true,
			},
			items: [
				{ id: contacts[0].id, label: 'a' },
				{ id: contacts[1].id, label: 'b' },
				{ id: contacts[1].id, label: 'a' },
			],
		});
		expect(jsonOf(result)).toEqual([
			{ labelName: 'a', usageCount: 2, contactsSent: 2 },
			{ labelName: 'b', usageCount: 1, contactsSent: 1 },
		]);
		expect(pairedIndexes(result)).toEqual([[0, 2], [1]]);
		expect(fixture.sandbox.control.countRequests({ method: 'POST', path: /^\/v2\/labels\// })).toBe(2);
	});

	test('empty label or contact IDs are input errors before any request; Continue On Fail keeps the good items', async () => {
		const credentials = fixture.newAccount();
		const [contact] = await seedContacts(credentials, [{ phone: '+46701000001' }]);
		let error = await expectInputError(fixture, {
			credentials,
			parameters: { resource: 'label', operation: 'addToContacts', labelName: ' ', contactIds: String(contact.id) },
		});
		expect(error.message).toMatch(/"Label" is required/);
		error = await expectInputError(fixture, {
			credentials,
			parameters: { resource: 'label', operation: 'addToContacts', labelName: 'x', contactIds: ' , ' },
		});
		expect(error.message).toMatch(/"Contact IDs" is empty/);

		const result = await run({
			credentials,
			continueOnFail: true,
			parameters: { resource: 'label', operation: 'addToContacts', labelName: 'x', contactIds: '={{ $json.id }}', combineItems: true },
			items: [{ id: '' }, { id: contact.id }],
		});
		expect(pairedIndexes(result)).toEqual([[0], [1]]);
		expect(jsonOf(result)[0].error).toMatch(/Item 0: "Contact IDs" is empty/);
		expect(jsonOf(result)[1]).toEqual({ labelName: 'x', usageCount: 1, contactsSent: 1 });
	});

	test('an unknown contact ID fails with the API message', async () => {
		const credentials = fixture.newAccount();
		const result = await run({
			credentials,
			parameters: { resource: 'label', operation: 'addToContacts', labelName: 'x', contactIds: 'ffffffffffffffffffffffff' },
		});
		expect(result.error?.message).toMatch(/iP.1 API error 400/);
		expect(String(result.error?.description)).toMatch(/Unknown contact ids: ffffffffffffffffffffffff/);
	});
});

describe('Label → Delete and Get Many', () => {
	test('Delete removes the label from every contact (the contacts stay) and reports the count', async () => {
		const credentials = fixture.newAccount();
		await seedContacts(credentials, [
			{ phone: '+46701000001', labels: 'old, keep' },
			{ phone: '+46701000002', labels: 'old' },
			{ phone: '+46701000003', labels: 'keep' },
		]);
		const output = await runOk({ credentials, parameters: { resource: 'label', operation: 'delete', existingLabel: 'old' } });
		expect(output).toEqual([{ labelName: 'old', usageCount: 2, deleted: true }]);
		expect(labelsOf(credentials)).toEqual({ '+46701000001': ['keep'], '+46701000002': [], '+46701000003': ['keep'] });
	});

	test('Get Many lists the labels in use with their usage, from the contacts summary; Limit applies', async () => {
		const credentials = fixture.newAccount();
		await seedContacts(credentials, [
			{ phone: '+46701000001', labels: 'a, b, c' },
			{ phone: '+46701000002', labels: 'a' },
		]);
		fixture.sandbox.control.clearRequests();
		const all = await runOk({ credentials, parameters: { resource: 'label', operation: 'getAll', returnAll: true } });
		expect(all).toEqual([
			{ labelName: 'a', usageCount: 2 },
			{ labelName: 'b', usageCount: 1 },
			{ labelName: 'c', usageCount: 1 },
		]);
		const two = await runOk({ credentials, parameters: { resource: 'label', operation: 'getAll', limit: 2 } });
		expect(two.map((label) => label.labelName)).toEqual(['a', 'b']);
		expect(fixture.sandbox.control.countRequests({ method: 'GET', path: '/v2/contacts/meta' })).toBe(2);
	});
});
