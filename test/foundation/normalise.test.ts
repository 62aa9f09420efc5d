import {
	camelCaseKeys,
	normaliseBatch,
	normaliseDeliveryReport,
	normaliseMessage,
	normaliseStatusSummary,
	readField,
} from '../../nodes/shared/dialect/documents';
import { normaliseEnum } from '../../nodes/shared/dialect/enums';
import { describeStatus } from '../../nodes/shared/dialect/statusCodes';

describe('enums: strings of any case or integers come out as lowercase strings', () => {
	test.each([
		['type', 1, 'sms'],
		['type', 0, 'flash'],
		['type', 'SMS', 'sms'],
		['type', 'Flash', 'flash'],
		['datacoding', 0, 'gsm'],
		['datacoding', 2, 'ucs'],
		['datacoding', 'GSM', 'gsm'],
		['datacoding', 'ucs', 'ucs'],
		['direction', 0, 'mt'],
		['direction', 1, 'mo'],
		['direction', 'MT', 'mt'],
		['direction', 'mo', 'mo'],
		['direction', '1', 'mo'],
	] as const)('%s %p → %s', (field, value, expected) => {
		expect(normaliseEnum(field, value)).toBe(expected);
	});
});

describe('status codes', () => {
	test('only 201 is delivered; 202 Expired and 203 Canceled are final but not delivered', () => {
		expect(describeStatus(201)).toMatchObject({ name: 'DeliveredToHandset', group: 'success', delivered: true, final: true });
		expect(describeStatus(202)).toMatchObject({ name: 'Expired', group: 'success', delivered: false, final: true });
		expect(describeStatus(203)).toMatchObject({ name: 'Canceled', group: 'success', delivered: false, final: true });
	});

	test('known info, rejection and error codes', () => {
		expect(describeStatus(101)).toMatchObject({ name: 'Accepted', group: 'info', final: false });
		expect(describeStatus(112)).toMatchObject({ name: 'DeliveredToCarrier', group: 'info', final: false });
		expect(describeStatus(402)).toMatchObject({ name: 'InsufficientFunds', group: 'rejection', final: true });
		expect(describeStatus(403)).toMatchObject({ name: 'SenderRejected', group: 'rejection' });
	});

	test('unknown codes are classified by their first digit', () => {
		expect(describeStatus(115)).toMatchObject({ group: 'info', final: false, delivered: false });
		expect(describeStatus(299)).toMatchObject({ group: 'success', final: true, delivered: false });
		expect(describeStatus(418)).toMatchObject({ group: 'rejection', final: true });
		expect(describeStatus(503)).toMatchObject({ group: 'error', final: true });
		expect(describeStatus(999)).toMatchObject({ group: 'unknown', final: false });
	});
});

describe('documents', () => {
	test('PascalCase account fields come out camelCase, ID → id', () => {
		expect(camelCaseKeys({ ID: 'ip1-1', Name: 'x', Balance: 1, Key: 'k' })).toEqual({ id: 'ip1-1', name: 'x', balance: 1, key: 'k' });
	});

	test('readField reads whichever casing the API used', () => {
		expect(readField({ BatchId: 'b' }, 'batchId')).toBe('b');
		expect(readField({ batchid: 'b' }, 'batchId')).toBe('b');
	});

	test('a message with integer enums and a status history gets its latest status decoded', () => {
		const message = normaliseMessage({
			messageId: 'm1',
			type: 1,
			datacoding: 2,
			direction: 0,
			statuses: [
				{ created: '2018-10-23T17:43:19Z', code: 101, duration: 0 },
				{ created: '2018-10-23T17:43:21Z', code: 201, duration: 1 },
			],
		});
		expect(message).toMatchObject({ id: 'm1', type: 'sms', datacoding: 'ucs', direction: 'mt' });
		expect(message.status).toMatchObject({ code: 201, name: 'DeliveredToHandset', delivered: true, final: true });
	});

	test('a batch summary is decoded with delivered and failed counts', () => {
		const batch = normaliseBatch({
			id: 'b1',
			direction: 'MT',
			datacoding: 'GSM',
			status: 112,
			messageSummary: { '101': { messages: 43, sms: 86 }, '201': { messages: 142, sms: 284 }, '202': { messages: 2, sms: 2 }, '404': { messages: 1, sms: 1 } },
		});
		expect(batch).toMatchObject({ direction: 'mt', datacoding: 'gsm' });
		expect(batch.messageSummaryDecoded).toMatchObject({ totalMessages: 188, totalSms: 373, delivered: 142, failed: 3, pending: 43 });
		expect(batch.statusInfo).toMatchObject({ code: 112, name: 'DeliveredToCarrier' });
	});

	test('summaries tolerate junk', () => {
		expect(normaliseStatusSummary(null)).toMatchObject({ statuses: [], totalMessages: 0 });
		expect(normaliseStatusSummary({ abc: { messages: 1 } })).toMatchObject({ statuses: [], totalMessages: 0 });
	});

	test.each([
		[{ messageId: 'a', code: 201, duration: 1 }],
		[{ id: 'a', code: 201, duration: 1 }],
		[{ Id: 'a', Code: 201, Duration: 1 }],
	])('delivery reports with either id key: %p', (payload) => {
		expect(normaliseDeliveryReport(payload)).toMatchObject({ id: 'a', messageId: 'a', delivered: true, final: true, status: { name: 'DeliveredToHandset' } });
	});
});
