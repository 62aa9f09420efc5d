import type { INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness/sandbox';
import { SEND, expectInputError, run } from './helpers';

const fixture = useSandbox();

const BASE: INodeParameters = { ...SEND, recipients: '46701234567', message: 'Hello' };
const PERSONALISED: INodeParameters = {
	...BASE,
	mode: 'personalised',
	recipients: '={{ $json.phone }}',
	message: 'Hi {name}',
	personalisation: { values: [{ name: 'name', value: '={{ $json.name }}' }] },
};
const ITEM = { phone: '46701234567', name: 'Ann' };

type Case = [label: string, parameters: INodeParameters, message: RegExp, description?: RegExp];

const perItemCases: Case[] = [
	['empty sender (from an expression)', { ...BASE, sender: '={{ "" }}' }, /^Item 0: "Sender" is required/, /3–11 letters or digits/],
	['sender too short', { ...BASE, sender: 'ab' }, /^Item 0: "Sender" must be 3 to 11 letters or digits \(got "ab"\)/],
	['sender too long', { ...BASE, sender: 'ABCDEFGHIJKL' }, /"Sender" must be 3 to 11 letters or digits/],
	['sender with a space', { ...BASE, sender: 'My Shop' }, /"Sender" may only contain the letters A–Z/],
	['sender with an accent', { ...BASE, sender: 'Café' }, /"Sender" may only contain the letters A–Z/],
	['numeric sender over 15 digits', { ...BASE, sender: '4670123456789012' }, /"Sender" as a number may have at most 15 digits/],
	['no recipients', { ...BASE, recipients: ' , ' }, /^Item 0: "Recipients" needs at least one phone number/],
	['letters in a number', { ...BASE, recipients: '46701234567, 4670abc4567' }, /"Recipients" has an invalid phone number: "4670abc4567" may only contain digits/],
	['national number without country code', { ...BASE, recipients: '070-123 45 67' }, /"070-123 45 67" is a national number \(starts with 0\): set "Default Country Code"/],
	['number too short', { ...BASE, recipients: '+46 70' }, /"\+46 70" must have 7 to 15 digits/],
	['number too long', { ...BASE, recipients: '+46 70 123 45 67 89 01 2' }, /must have 7 to 15 digits/],
	['several invalid numbers listed', { ...BASE, recipients: 'a1, b2, 46701234567, c3' }, /has 3 invalid phone numbers: "a1" .*; "b2" .*; "c3"/],
	['empty message (from an expression)', { ...BASE, message: '={{ "" }}' }, /^Item 0: "Message" must not be empty or only spaces/],
	['blank message', { ...BASE, message: ' \n\t ' }, /"Message" must not be empty or only spaces/],
	['message over 2000 characters', { ...BASE, message: 'x'.repeat(2001) }, /"Message" may have at most 2000 characters \(it has 2001\)/],
	[
		'GSM with characters outside GSM-7',
		{ ...BASE, message: 'Olá! Price 5 € 🎉\u00a0ok', options: { encoding: 'gsm' } },
		/"Message" contains characters GSM cannot encode: "á" "🎉" U\+00A0$/,
		/set "Encoding" to Unicode/,
	],
	['relative delivery report URL', { ...BASE, options: { deliveryReportUrl: '/webhook/dlr' } }, /"Delivery Report URL" must be an absolute http\(s\) URL/, /iP\.1 SMS Trigger/],
	['ftp delivery report URL', { ...BASE, options: { deliveryReportUrl: 'ftp://example.com/dlr' } }, /"Delivery Report URL" must be an absolute http\(s\) URL/],
	['Send At and Delivery Windows together', { ...BASE, options: { sendAt: '2031-01-01T10:00:00Z', deliveryWindows: { windows: [{ opens: '2031-01-02T10:00:00Z' }] } } }, /"Send At" cannot be combined with "Delivery Windows"/],
	['Send At not a date', { ...BASE, options: { sendAt: 'tomorrow morning' } }, /"Send At" needs a valid date and time to open/],
	['Send At in the past', { ...BASE, options: { sendAt: '2020-01-01T10:00:00Z' } }, /"Send At" is already over: every message would expire unsent/],
	['window closing before it opens', { ...BASE, options: { deliveryWindows: { windows: [{ opens: '2031-01-02T10:00:00Z', closes: '2031-01-02T09:00:00Z' }] } } }, /"Delivery Windows \(window 1\)" must close after it opens/],
	['second window invalid', { ...BASE, options: { deliveryWindows: { windows: [{ opens: '2031-01-02T10:00:00Z' }, { opens: '2031-01-03T10:00:00Z', closes: 'soon' }] } } }, /"Delivery Windows \(window 2\)" has an invalid closing date and time/],
	['window already over', { ...BASE, options: { deliveryWindows: { windows: [{ opens: '2020-01-02T10:00:00Z', closes: '2020-01-03T10:00:00Z' }] } } }, /is already over/],
	['recipients per request out of range', { ...BASE, options: { recipientsPerRequest: 0 } }, /"Recipients per Request" must be a whole number from 1 to 10000/],
	['unknown type from an expression', { ...BASE, options: { type: '={{ "fax" }}' } }, /"Type" must be "sms" or "flash" \(got "fax"\)/],
	['unknown encoding from an expression', { ...BASE, options: { encoding: '={{ "utf8" }}' } }, /"Encoding" must be "auto", "gsm" or "ucs" \(got "utf8"\)/],
	['unknown priority from an expression', { ...BASE, options: { priority: '={{ "urgent" }}' } }, /"Priority" must be "normal" or "high"/],
];

const personalisedCases: Case[] = [
	['a placeholder with no field and no default', { ...PERSONALISED, message: 'Hi {name}, code {code}' }, /"Message" has placeholders with no personalisation field and no default value: \{code\}/],
	['a misspelt placeholder', { ...PERSONALISED, message: 'Hi {nmae}' }, /no default value: \{nmae\}/],
	['a field name with a space', { ...PERSONALISED, personalisation: { values: [{ name: 'first name', value: 'x' }] } }, /"Personalisation Fields" has placeholder names that are empty or contain spaces or braces \(got \["first name"\]\)/],
	['a personalised text over 2000 characters', { ...PERSONALISED, message: `${'x'.repeat(1990)} {name}`, personalisation: { values: [{ name: 'name', value: 'y'.repeat(20) }] } }, /"Message" is 2011 characters long once personalised/],
	['a personalised value outside GSM-7', { ...PERSONALISED, options: { encoding: 'gsm' }, personalisation: { values: [{ name: 'name', value: 'Łukasz' }] } }, /"Message" once personalised, contains characters GSM cannot encode: "Ł"/],
	['an invalid sender', { ...PERSONALISED, sender: 'x' }, /"Sender" must be 3 to 11 letters or digits/],
	['an invalid number', { ...PERSONALISED, recipients: '12345' }, /"Recipients" has an invalid phone number/],
];

describe('SMS → Send refuses bad input before any request', () => {
	// Rest parameters: rows without a description must not make jest pass its `done` callback instead.
	test.each(perItemCases)('one batch per item: %s', async (...row: Case) => {
		const [, parameters, message, description] = row;
		const error = await expectInputError(fixture, { parameters });
		expect(error.message).toMatch(message);
		if (description) expect(error.description).toMatch(description);
	});

	test.each(personalisedCases)('personalised: %s', async (...row: Case) => {
		const [, parameters, message] = row;
		const error = await expectInputError(fixture, { parameters, items: [ITEM] });
		expect(error.message).toMatch(message);
	});

	test('the error names the item: the third item of three is refused before anything is sent in personalised mode', async () => {
		const error = await expectInputError(fixture, {
			parameters: { ...PERSONALISED, options: { encoding: 'gsm' } },
			items: [ITEM, { phone: '46701234568', name: 'Bo' }, { phone: '46701234569', name: 'Łucja' }],
		});
		expect(error.message).toBe('Item 2: "Message" once personalised, contains characters GSM cannot encode: "Ł"');
	});

	test('a valid request after all these refusals is sent (the rules are not over-strict)', async () => {
		const result = await run(fixture, {
			parameters: {
				...BASE,
				sender: '46701606060',
				recipients: '070-123 45 67',
				message: 'x'.repeat(2000),
				options: { defaultCountryCode: '+46', encoding: 'gsm', deliveryReportUrl: 'http://localhost:5678/webhook/x' },
			},
		});
		expect(result.error).toBeUndefined();
	});
});
