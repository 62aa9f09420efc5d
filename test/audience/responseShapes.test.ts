import type { IDataObject, INode } from 'n8n-workflow';

import { labelsFromMeta, normaliseBlacklistEntry, normaliseContactsMeta, normaliseLabelSummary, normaliseSender, readImportResult } from '../../nodes/shared/dialect/resources';
import { contactFilterQuery } from '../../nodes/Ip1Sms/actions/contact/contactFilters';
import { normaliseContact } from '../../nodes/Ip1Sms/actions/contact/contacts';
import { settingFrom, settingsList } from '../../nodes/shared/dialect/settings';
import { isAbsoluteHttpUrl } from '../../nodes/shared/values';
import { useSandbox } from '../harness/sandbox';
import { runOk, seedContacts } from './helpers';

const URL = 'https://example.com/sms';

describe('every documented or plausible response shape is accepted (units)', () => {
	test('settings: object map, array of {key,value} in any casing, envelopes → the same [{ key, value }]', () => {
		const expected = [{ key: 'IncomingCallbackUrl', value: URL }];
		expect(settingsList({ IncomingCallbackUrl: URL })).toEqual(expected);
		expect(settingsList([{ key: 'IncomingCallbackUrl', value: URL }])).toEqual(expected);
		expect(settingsList([{ Key: 'IncomingCallbackUrl', Value: URL }])).toEqual(expected);
		expect(settingsList([{ name: 'IncomingCallbackUrl', value: URL }])).toEqual(expected);
		expect(settingsList({ settings: { IncomingCallbackUrl: URL } })).toEqual(expected);
		expect(settingsList({ items: [{ key: 'IncomingCallbackUrl', value: URL }] })).toEqual(expected);
		expect(settingsList({ IncomingCallbackUrl: { value: URL } })).toEqual(expected);
		expect(settingsList({ IncomingCallbackUrl: null })).toEqual([{ key: 'IncomingCallbackUrl', value: null }]);
		expect(settingsList(undefined)).toEqual([]);
		expect(settingsList('')).toEqual([]);
	});

	test('one setting: {key,value}, {Key,Value}, {value}, a bare value, a map', () => {
		const expected = { key: 'IncomingCallbackUrl', value: URL };
		expect(settingFrom({ key: 'IncomingCallbackUrl', value: URL }, 'IncomingCallbackUrl')).toEqual(expected);
		expect(settingFrom({ Key: 'IncomingCallbackUrl', Value: URL }, 'IncomingCallbackUrl')).toEqual(expected);
		expect(settingFrom({ value: URL }, 'IncomingCallbackUrl')).toEqual(expected);
		expect(settingFrom(URL, 'IncomingCallbackUrl')).toEqual(expected);
		expect(settingFrom({ IncomingCallbackUrl: URL }, 'IncomingCallbackUrl')).toEqual(expected);
		expect(settingFrom('', 'IncomingCallbackUrl')).toEqual({ key: 'IncomingCallbackUrl', value: null });
	});

	test('absolute http(s) URLs only', () => {
		expect(isAbsoluteHttpUrl('https://example.com/a?b=c')).toBe(true);
		expect(isAbsoluteHttpUrl('http://127.0.0.1:5678/webhook')).toBe(true);
		for (const bad of ['example.com', '/path', 'ftp://example.com', 'https://', 'javascript:alert(1)', '']) {
			expect(isAbsoluteHttpUrl(bad)).toBe(false);
		}
	});

	test('contact import: 202 {accepted}, 202 empty, 201 array, envelope, single document', () => {
		expect(readImportResult({ accepted: 2500 }, 2500)).toEqual({ accepted: 2500 });
		expect(readImportResult({ Accepted: 3 }, 3)).toEqual({ accepted: 3 });
		expect(readImportResult('', 7)).toEqual({ accepted: 7 });
		expect(readImportResult(undefined, 7)).toEqual({ accepted: 7 });
		const contact = { id: 'a', properties: { phoneNumber: '+46701234567' }, labels: [] };
		expect(readImportResult([contact], 1)).toEqual({ contacts: [contact], accepted: 1 });
		expect(readImportResult({ contacts: [contact] }, 1)).toEqual({ contacts: [contact], accepted: 1 });
		expect(readImportResult({ Items: [contact] }, 1)).toEqual({ contacts: [contact], accepted: 1 });
		expect(readImportResult(contact, 1)).toEqual({ contacts: [contact], accepted: 1 });
	});

	test('contacts in PascalCase become camelCase; property keys stay as stored; labels default to []', () => {
		const raw = { ID: 'c1', OwnerId: 'ip1-1', Properties: { phoneNumber: '+46701234567', CustomerNo: '7' }, Metadata: { phoneNumber: {} } };
		expect(normaliseContact(raw, false)).toEqual({
			id: 'c1',
			ownerId: 'ip1-1',
			properties: { phoneNumber: '+46701234567', CustomerNo: '7' },
			labels: [],
		});
		expect(normaliseContact(raw, true).metadata).toEqual({ phoneNumber: {} });
		expect(normaliseContact({ contactId: 'c2' }, true)).toMatchObject({ id: 'c2', properties: {}, labels: [] });
	});

	test('contacts summary, labels, blacklist entries and senders in any casing', () => {
		const meta = {
			TotalCount: 2,
			Labels: [{ LabelName: 'vip', UsageCount: 2 }],
			Properties: [{ PropertyName: 'phoneNumber', UsageCount: 2, AverageLength: 12, MaxLength: 12, MinLength: 12 }],
		};
		expect(normaliseContactsMeta(meta)).toEqual({
			totalCount: 2,
			labels: [{ labelName: 'vip', usageCount: 2 }],
			properties: [{ propertyName: 'phoneNumber', usageCount: 2, averageLength: 12, maxLength: 12, minLength: 12 }],
		});
		expect(labelsFromMeta(meta)).toEqual([{ labelName: 'vip', usageCount: 2 }]);
		expect(normaliseContactsMeta(undefined)).toEqual({ totalCount: 0, labels: [], properties: [] });
		expect(normaliseLabelSummary({ LabelName: 'vip', UsageCount: 4 }, 'vip')).toEqual({ labelName: 'vip', usageCount: 4 });
		expect(normaliseLabelSummary(undefined, 'vip')).toEqual({ labelName: 'vip' });
		expect(normaliseBlacklistEntry({ Phone: '+46701234567', Created: '2019-11-01T16:32:18.253', ID: 4 })).toEqual({
			msisdn: '46701234567',
			// A zone-less timestamp is UTC (ip1-api.md ambiguity 24): outputs carry it with Z.
			created: '2019-11-01T16:32:18.253Z',
			id: 4,
		});
		expect(normaliseBlacklistEntry(undefined, '46701234567')).toEqual({ msisdn: '46701234567' });
		expect(normaliseSender({ Sender: 'MyShop', Created: '2018-10-23T17:43:19Z' })).toEqual({
			sender: 'MyShop',
			created: '2018-10-23T17:43:19Z',
		});
		expect(normaliseSender('', 'MyShop')).toEqual({ sender: 'MyShop' });
	});

	test('filter query: one label plain, several repeated, bracket keys, empty detection', () => {
		const node = { name: 'iP.1 SMS' } as INode;
		expect(contactFilterQuery(node, 0, {})).toEqual({ qs: {}, empty: true, usesMetadata: false });
		expect(contactFilterQuery(node, 0, { labels: [], propertyValues: {}, metadataValues: {} }).empty).toBe(true);
		expect(contactFilterQuery(node, 0, { labels: 'a' }).qs).toEqual({ labels: 'a' });
		expect(contactFilterQuery(node, 0, { labels: ['a', 'b', 'a'] }).qs).toEqual({ labels: ['a', 'b'] });
		const query = contactFilterQuery(node, 0, {
			propertyValues: { property: [{ name: 'phoneNumber', value: '+46701234567' }, { name: 'vip', value: true }] },
			metadataValues: { metadata: [{ path: 'metadata.phoneNumber.isBlocked', value: false }] },
		});
		expect(query).toEqual({
			qs: {
				'properties[phoneNumber]': '+46701234567',
				'properties[vip]': 'true',
				'metadata[phoneNumber.isBlocked]': 'false',
			},
			empty: false,
			usesMetadata: true,
		});
	});
});

describe('response variants through the engine (sandbox answers replaced by faults)', () => {
	const fixture = useSandbox();

	test('a contact answered in PascalCase is output in camelCase', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.addFault({
			method: 'GET',
			path: '/v2/contacts/c1',
			kind: 'status',
			status: 200,
			contentType: 'application/json',
			body: JSON.stringify({ Id: 'c1', OwnerId: 'ip1-1', Properties: { phoneNumber: '+46701234567' }, Labels: ['vip'] }),
		});
		const output = await runOk({ credentials, parameters: { resource: 'contact', operation: 'get', contactId: 'c1' } });
		fixture.sandbox.control.clearFaults();
		expect(output).toEqual([{ id: 'c1', ownerId: 'ip1-1', properties: { phoneNumber: '+46701234567' }, labels: ['vip'] }]);
	});

	test('a per-item create answered 202 without a body outputs the accepted contact', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/contacts', kind: 'status', status: 202, body: '', process: true });
		const output = await runOk({
			credentials,
			parameters: { resource: 'contact', operation: 'create', phoneNumber: '+46701234567', additionalFields: { labels: 'a' } },
		});
		fixture.sandbox.control.clearFaults();
		expect(output).toEqual([{ properties: { phoneNumber: '+46701234567' }, labels: ['a'], accepted: true }]);
	});

	test('Delete and Update answered 204 still report the outcome', async () => {
		const credentials = fixture.newAccount();
		const [contact] = await seedContacts(credentials, [{ phone: '+46701234567' }]);
		const id = contact.id as string;
		fixture.sandbox.control.addFault({ method: 'PATCH', path: `/v2/contacts/${id}`, kind: 'status', status: 204, body: '', process: true });
		const updated = await runOk({
			credentials,
			parameters: { resource: 'contact', operation: 'update', contactId: id, updateFields: { firstName: 'Ann' } },
		});
		expect(updated).toEqual([{ id, properties: { firstName: 'Ann' }, updated: true }]);
		fixture.sandbox.control.addFault({ method: 'DELETE', path: `/v2/contacts/${id}`, kind: 'status', status: 204, body: '', process: true });
		const deleted = await runOk({ credentials, parameters: { resource: 'contact', operation: 'delete', contactId: id } });
		fixture.sandbox.control.clearFaults();
		expect(deleted).toEqual([{ id, deleted: true }]);
		expect(fixture.sandbox.control.state(credentials.apiToken).contacts).toHaveLength(0);
	});

	test('a mass delete answered with a count instead of the contacts still reports the count', async () => {
		const credentials = fixture.newAccount();
		await seedContacts(credentials, [{ phone: '+46701234567', labels: 'x' }]);
		fixture.sandbox.control.addFault({
			method: 'DELETE',
			path: '/v2/contacts',
			kind: 'status',
			status: 200,
			contentType: 'application/json',
			body: JSON.stringify({ Deleted: 1 }),
			process: true,
		});
		const output = await runOk({
			credentials,
			parameters: { resource: 'contact', operation: 'deleteMany', filters: { labels: ['x'] } },
		});
		fixture.sandbox.control.clearFaults();
		expect(output[0]).toMatchObject({ deletedCount: 1, deletedContacts: [] as IDataObject[] });
	});
});
