import { toMsisdn } from '../../nodes/Ip1Sms/helpers/phoneNumbers';
import { useSandbox } from '../harness/sandbox';
import { SEND, jsonOf, run, sentBodies } from './helpers';

const fixture = useSandbox();

/** [as a user writes it, default country code, MSISDN sent] */
const FORMATS: Array<[string, string, string]> = [
	['46701234567', '', '46701234567'],
	['+46701234567', '', '46701234567'],
	['+46 70 123 45 67', '', '46701234567'],
	['+46 (0)70-123 45 67', '', '46701234567'],
	['+46 (0) 70 123 45 67', '', '46701234567'],
	['0046701234567', '', '46701234567'],
	['0046 70 123 45 67', '', '46701234567'],
	['0046-70-1234567', '', '46701234567'],
	['070-123 45 67', '46', '46701234567'],
	['070 123 45 67', '+46', '46701234567'],
	['0701234567', '0046', '46701234567'],
	['(070) 123 45 67', '46', '46701234567'],
	['070.123.45.67', '46', '46701234567'],
	['070/1234567', '46', '46701234567'],
	['\u00a0+46\u00a070\u00a0123\u00a045\u00a067 ', '', '46701234567'],
	['+46\t70 123 45 67', '', '46701234567'],
	['+44 20 7946 0958', '', '442079460958'],
	['+44 (0)20 7946 0958', '', '442079460958'],
	['020 7946 0958', '44', '442079460958'],
	['+1 (555) 010-0199', '', '15550100199'],
	['001-555-010-0199', '', '15550100199'],
	['+358 40 1234567', '', '358401234567'],
	['040 1234567', '358', '358401234567'],
	['+47 412 34 567', '', '4741234567'],
	['+49 1512 3456789', '', '4915123456789'],
	['[+46] 70 123 45 68', '', '46701234568'],
];

describe('phone number normalisation', () => {
	test.each(FORMATS)('toMsisdn(%j, %j) → %s', (raw, countryCode, expected) => {
		expect(toMsisdn(raw, countryCode)).toEqual({ ok: true, msisdn: expected });
	});

	test.each([
		['', 'is empty'],
		['abc', 'may only contain digits'],
		['+46 70 123 45 6x', 'may only contain digits'],
		['070 123 45 67', 'is a national number'],
		['+46 70', 'must have 7 to 15 digits'],
		['+46 70 123 45 67 89 01 23', 'must have 7 to 15 digits'],
		['46+701234567', 'may only contain digits'],
	])('refuses %j (%s)', (raw, reason) => {
		const result = toMsisdn(raw, '');
		expect(result.ok).toBe(false);
		expect(result.ok ? '' : result.reason).toContain(reason);
	});

	test('every format through the engine: one request, each number normalised, repeats sent once', async () => {
		fixture.sandbox.control.clearRequests();
		// Each row is its own item with its own default country code.
		const result = await run(fixture, {
			parameters: { ...SEND, recipients: '={{ $json.raw }}', message: 'Format test', options: { defaultCountryCode: '={{ $json.cc }}' } },
			items: FORMATS.map(([raw, cc]) => ({ raw, cc })),
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture).map((body) => (body.recipients as string[])[0])).toEqual(FORMATS.map(([, , msisdn]) => msisdn));

		fixture.sandbox.control.clearRequests();
		const swedish = FORMATS.filter(([, cc, msisdn]) => (cc === '' || cc.endsWith('46')) && msisdn.startsWith('46'));
		const one = await run(fixture, {
			parameters: { ...SEND, recipients: '={{ $json.numbers }}', message: 'Format test', options: { defaultCountryCode: '46' } },
			items: [{ numbers: swedish.map(([raw]) => raw) }],
		});
		expect(one.error).toBeUndefined();
		expect(sentBodies(fixture).map((body) => body.recipients)).toEqual([['46701234567', '46701234568']]);
		expect(jsonOf(one)[0].duplicatesRemoved).toBe(swedish.length - 2);
	});
});
