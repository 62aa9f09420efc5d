import { toUtcTimestamp } from '../../nodes/shared/dialect/documents';
import { jsonOf, runNode } from '../harness/engine';
import { useSandbox } from '../harness/sandbox';

describe('timestamps in outputs are UTC with Z, whatever form iP.1 writes them in', () => {
	test.each([
		['2019-11-01T16:32:18.253', '2019-11-01T16:32:18.253Z'],
		['2025-11-12T17:00:01Z', '2025-11-12T17:00:01Z'],
		['2025-11-12T17:00:01.000Z', '2025-11-12T17:00:01.000Z'],
		['2025-11-12T18:00:01+01:00', '2025-11-12T17:00:01Z'],
		['2025-11-12T18:00:01.5+0100', '2025-11-12T17:00:01.500Z'],
		['2025-11-12 17:00:01', '2025-11-12T17:00:01Z'],
	])('%s → %s', (raw, expected) => {
		expect(toUtcTimestamp(raw)).toBe(expected);
	});

	test.each([['not a date'], ['2025-11-12'], [42], [null]])('%j is left as it is', (value) => {
		expect(toUtcTimestamp(value)).toBe(value);
	});

	describe.each([['zoneless'], ['offset']] as const)('reading timestamps=%s', (style) => {
		const fixture = useSandbox({ variants: { timestamps: style } });

		test('blacklist entries and message statuses come out in UTC with Z, at the instant iP.1 meant', async () => {
			const credentials = fixture.newAccount();
			const added = await runNode({
				parameters: { resource: 'blacklist', operation: 'add', phoneNumber: '46701110001' },
				credentials,
			});
			expect(added.error).toBeUndefined();
			const created = String(jsonOf(added)[0].created);
			expect(created).toMatch(/Z$/);
			const stored = fixture.sandbox.control.state(credentials.apiToken).blacklist[0].created;
			expect(Date.parse(created)).toBe(Date.parse(/Z$|[+-]\d\d:\d\d$/.test(stored) ? stored : `${stored}Z`));

			const sent = await runNode({
				parameters: { resource: 'sms', operation: 'send', sender: 'iP1', recipients: '46701110002', message: 'Hi' },
				credentials,
			});
			expect(sent.error).toBeUndefined();
			const batchId = String(jsonOf(sent)[0].batchId);
			const messages = await runNode({
				parameters: { resource: 'message', operation: 'getAll', batchId, returnAll: true },
				credentials,
			});
			expect(messages.error).toBeUndefined();
			const [message] = jsonOf(messages);
			const statuses = message.statuses as Array<{ created: string }>;
			expect(statuses.length).toBeGreaterThan(0);
			for (const status of statuses) expect(status.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
		});
	});
});
