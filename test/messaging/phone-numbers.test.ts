import type { INodeProperties } from 'n8n-workflow';

import { Ip1Sms } from '../../nodes/Ip1Sms/Ip1Sms.node';
import { toMsisdn } from '../../nodes/shared/phoneNumbers';
import { useSandbox } from '../harness/sandbox';
import { SEND, expectInputError, jsonOf, run, sentBodies } from './helpers';

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
	// NANP exchanges start with 2–9, so the 555 010-0199 these rows used to have is no number: a real shape instead.
	['+1 (212) 555-0199', '', '12125550199'],
	['001-212-555-0199', '', '12125550199'],
	['(212) 555-0199', '1', '12125550199'],
	['8 916 123-45-67', '7', '79161234567'],
	['+39 (0)6 6981 2345', '', '390669812345'],
	['06 20 123 4567', '36', '36201234567'],
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
		['5550100199', 'does not fit country code 55 (Brazil: 10 or 11 digits after 55)'],
		['+1 (555) 010-0199', 'area code and exchange start with 2–9'],
	])('refuses %j (%s)', (raw, reason) => {
		const result = toMsisdn(raw, '');
		expect(result.ok).toBe(false);
		expect(result.ok ? '' : result.reason).toContain(reason);
	});

	test('every format through the engine: one request, each number normalised, repeats sent once', async () => {
		fixture.sandbox.control.clearRequests();
		// Each row is its own item with its own default country code.
		const result = await run(fixture, {
			parameters: { ...SEND, recipients: '={{ $json.raw }}', message: 'Format test', options: { defaultCountryCode: '={{ $json.cc }}', combineItems: false } },
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
		expect((jsonOf(one)[0].detail as { duplicatesRemoved?: number }).duplicatesRemoved).toBe(swedish.length - 2);
	});
});

describe('issue 9, case 6: a number never goes to the wrong country', () => {
	test('Default Country Code 1: (555) 010-0199 is refused before any request (its exchange starts with 0), never sent as 5550100199', async () => {
		const error = await expectInputError(fixture, {
			parameters: { ...SEND, recipients: '(555) 010-0199', message: 'Hi', options: { defaultCountryCode: '1' } },
		});
		expect(error.message).toMatch(
			/^Item 0: "Recipients" has an invalid phone number: "\(555\) 010-0199" is not a valid national number for country code 1 \(NANP: United States, Canada, Caribbean: 10 digits after an optional leading 1; area code and exchange start with 2–9\)/,
		);
		expect(error.message).not.toContain('5550100199');
	});

	test('Default Country Code 1 and 7: (212) 555-0199 is sent as 12125550199, 8 916 123-45-67 as 79161234567', async () => {
		fixture.sandbox.control.clearRequests();
		const result = await run(fixture, {
			parameters: { ...SEND, recipients: '={{ $json.number }}', message: 'Hi', options: { defaultCountryCode: '={{ $json.cc }}', combineItems: false } },
			items: [
				{ number: '(212) 555-0199', cc: '1' },
				{ number: '8 916 123-45-67', cc: '7' },
				{ number: '916 123 45 67', cc: '+7' },
			],
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture).map((body) => body.recipients)).toEqual([['12125550199'], ['79161234567'], ['79161234567']]);
	});

	test('without a Default Country Code, 5550100199 is refused: 55 is Brazil, whose numbers have 10 or 11 digits after 55', async () => {
		const error = await expectInputError(fixture, { parameters: { ...SEND, recipients: '5550100199', message: 'Hi' } });
		expect(error.message).toMatch(/"5550100199" does not fit country code 55 \(Brazil: 10 or 11 digits after 55\): if it is a national number, set "Default Country Code"/);
	});

	test('a number that reads two ways is refused as ambiguous, naming both, before any request; written with its 1 it is sent', async () => {
		const error = await expectInputError(fixture, {
			parameters: { ...SEND, recipients: '(458) 555-0199', message: 'Hi', options: { defaultCountryCode: '1' } },
		});
		expect(error.message).toMatch(
			/"\(458\) 555-0199" is ambiguous with Default Country Code 1: it reads as \+14585550199 \(a national number of country code 1 .*\) or \+4585550199 \(a number that already has country code 45 \(Denmark\)\)\. Write it with \+ and the country code you mean/,
		);
		fixture.sandbox.control.clearRequests();
		const result = await run(fixture, {
			parameters: { ...SEND, recipients: '1 (458) 555-0199, +45 85 55 01 99', message: 'Hi', options: { defaultCountryCode: '1' } },
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture).map((body) => body.recipients)).toEqual([['14585550199', '4585550199']]);
	});

	test('one bad number among many: the item is refused and nothing is sent for it', async () => {
		const error = await expectInputError(fixture, {
			parameters: { ...SEND, recipients: '070 123 45 67, 5550100199, 8 916 123-45-67', message: 'Hi', options: { defaultCountryCode: '46' } },
		});
		expect(error.message).toMatch(/has 2 invalid phone numbers: "5550100199" .*; "8 916 123-45-67" is not a valid national number for country code 46 \(Sweden/);
	});

	test('the other readers of numbers use the same rules: blacklist Add with Default Country Code 7, and an ambiguous number refused', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.clearRequests();
		const added = await run(fixture, {
			credentials,
			parameters: { resource: 'blacklist', operation: 'add', phoneNumber: '8 (916) 123-45-67', options: { defaultCountryCode: '7' } },
		});
		expect(added.error).toBeUndefined();
		expect(jsonOf(added)[0].msisdn).toBe('79161234567');
		expect(fixture.sandbox.control.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['PUT /v2/blacklist/79161234567']);

		const error = await expectInputError(fixture, {
			credentials,
			parameters: { resource: 'blacklist', operation: 'add', phoneNumber: '4585550199', options: { defaultCountryCode: '1' } },
		});
		expect(error.message).toMatch(/^Item 0: "Phone Number" is ambiguous with Default Country Code 1/);
	});
});

test('the Default Country Code option says what it does now, wherever numbers are read (MSISDN or, for contacts, E.164)', () => {
	const options = new Ip1Sms().description.properties
		.filter((property) => property.name === 'options')
		.flatMap((property) => (property.options ?? []) as INodeProperties[])
		.filter((option) => option.name === 'defaultCountryCode');
	expect(options.length).toBeGreaterThanOrEqual(4);
	for (const option of options) {
		expect(option.description).toMatch(/with or without its trunk prefix: with 46, 070 123 45 67 becomes \+?46701234567; with 7, 8 916 123-45-67 becomes \+?79161234567/);
		expect(option.description).toMatch(/fits no reading, or fits two .* is refused before anything is sent: write it with \+ and its country code/);
	}
	expect(options.map((option) => option.description).some((text) => text?.includes('becomes +46701234567'))).toBe(true);
});
