import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { defaultCountryCodeOption, optionsCollection } from '../common/fields';
import { parameter } from '../common/parameters';
import { SENDER_RULE_HINT } from '../sender/senders';

/* The parameters of SMS → Send, each defined once; the pipeline reads them through the accessors at the end (SEND). */

/** A field whose keys start as n8n writes them: displayName, name, type, default, then the rest in their order. */
export function field(
	displayName: string,
	name: string,
	type: INodeProperties['type'],
	defaultValue: INodeProperties['default'],
	rest: Partial<INodeProperties> = {},
): INodeProperties {
	return { displayName, name, type, default: defaultValue, ...rest };
}

const modeField: INodeProperties = {
	displayName: 'Mode',
	name: 'mode',
	type: 'options',
	noDataExpression: true,
	default: 'perItem',
	// n8n clamps an option's description to two lines of the dropdown: each says what the mode is
	// for in one short sentence; the hint under the field gives the request arithmetic.
	options: [
		{
			name: 'One SMS per Item',
			value: 'perItem',
			description: 'Each item sends its own text to its own recipients. For alerts and single messages.',
		},
		{
			name: 'One Personalised Batch for All Items',
			value: 'personalised',
			description: 'Each item is one recipient; {placeholders} are filled from its fields. For campaigns.',
		},
	],
	description: 'How input items become SMS batches',
	hint: 'Both modes send up to 1,000 recipients per API request: per item, items with the same options share requests, each with its own text.',
};

export const senderField: INodeProperties = {
	// A resource locator rather than a load-options dropdown: its list loads when the user opens
	// it, after n8n has attached the credential. A dropdown loads as the panel opens and, on a
	// freshly added node, n8n asks before the credential is attached and shows an error.
	displayName: 'Sender',
	name: 'sender',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: `Who the SMS appears to come from: a sender registered on the iP.1 account. ${SENDER_RULE_HINT} Choose it from the list or type it.`,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Choose a registered sender…',
			typeOptions: { searchListMethod: 'searchSenders', searchable: true },
		},
		{
			displayName: 'Name or Number',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. MyShop or 46701234567',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^(?:[A-Za-z0-9]{3,11}|[0-9]{1,15})$',
						errorMessage: 'A sender is 3–11 letters or digits (A–Z, a–z, 0–9), or a number of up to 15 digits',
					},
				},
			],
		},
	],
};

export const recipientsField: INodeProperties = {
	displayName: 'Recipients',
	name: 'recipients',
	type: 'string',
	required: true,
	default: '',
	placeholder: '46701234567, +46 70 765 43 21',
	description:
		'Phone numbers to send to, with their country code (46701234567, +46 70 123 45 67 or 0046 70 123 45 67). Several numbers are separated by commas or new lines, or mapped as an array from a previous node. Spaces, dashes and brackets are removed; the same number given twice gets one SMS. In personalised mode this is usually one number per item, mapped from the phone field of the item with an expression.',
};

export const messageField: INodeProperties = {
	displayName: 'Message',
	name: 'message',
	type: 'string',
	typeOptions: { rows: 4 },
	required: true,
	default: '',
	placeholder: 'Hi {firstName}, your order {orderId} has shipped.',
	description:
		'The text of the SMS (1–2000 characters). Long texts are sent as several SMS parts and billed per part: 160 characters per SMS with GSM characters, 153 per part beyond one; 70 and 67 with Unicode. In personalised mode, {name} placeholders are filled per recipient from "Personalisation Fields".',
};

/** A fixedCollection whose rows the user adds (Add Field, Add Window...). */
function rows(displayName: string, name: string, placeholder: string, rest: Partial<INodeProperties>): INodeProperties {
	const type = 'fixedCollection';
	return { displayName, name, type, typeOptions: { multipleValues: true }, placeholder, default: {}, ...rest };
}

/** A row of Personalisation Fields or Default Values (`{ values: [{ name, value }] }`, read by 1-read/items.ts). */
function placeholderRows(displayName: string, nameHint: string, value: Pick<INodeProperties, 'placeholder' | 'description'>) {
	const values = [
		field('Placeholder', 'name', 'string', '', { placeholder: 'firstName', description: nameHint }),
		field('Value', 'value', 'string', '', value),
	];
	return [{ displayName, name: 'values', values }];
}

const personalisationField = rows('Personalisation Fields', 'personalisation', 'Add Field', {
	description:
		'Values for the {placeholders} of the message, taken from each item. Every placeholder in the message needs a field here or a default value.',
	displayOptions: { show: { mode: ['personalised'] } },
	options: placeholderRows('Field', 'The name written in braces in the message, without the braces (firstName for {firstName})', {
		placeholder: '{{ $json.firstName }}',
		description:
			"This item's value, usually an expression that reads a field of the item (its first name, order number…). When it is empty the default value is used, or nothing.",
	}),
});

const defaultValuesField = rows('Default Values', 'defaultValues', 'Add Default Value', {
	description: 'Fallback values for placeholders, used for every recipient whose own value is empty',
	displayOptions: { show: { mode: ['personalised'] } },
	options: placeholderRows('Default Value', 'The name written in braces in the message, without the braces', {
		placeholder: 'customer',
		description: 'The text used when a recipient has no value of its own',
	}),
});

/** The entries of Options, in the order the UI lists them; the pipeline reads each by its definition. */
export const SEND_OPTIONS = {
	optOutText: field('Append Opt-Out Text', 'optOutText', 'string', '', {
		placeholder: 'Svara STOPP för att avsluta',
		description:
			'A line added at the end of every message (on a new line), e.g. how to stop receiving SMS. It counts towards the length, encoding and parts shown in the output. Pair it with the iP.1 SMS Trigger\'s "Handle Opt-Out Keywords".',
	}),
	combineItems: field('Combine Items', 'combineItems', 'boolean', true, {
		displayOptions: { show: { '/mode': ['perItem'] } },
		description:
			"Whether items that share the sender and every batch option send together: up to Recipients per Request recipients per API request, each recipient with its own item's text (iP.1 templating). 300 alerts with 300 texts cost one request. Off: every item sends its own batch.",
	}),
	defaultCountryCode: defaultCountryCodeOption(),
	deliveryReportUrl: field('Delivery Report URL', 'deliveryReportUrl', 'string', '', {
		placeholder: 'https://n8n.example.com/webhook/…/ip1sms',
		description:
			'Where iP.1 posts the delivery status of each message of this batch (absolute http(s) URL). To start an iP.1 SMS Trigger (Delivery Report event), paste its Production URL as it is: the send adds the trigger\'s secret itself when both nodes use the same iP.1 credential.',
	}),
	deliveryWindows: rows('Delivery Windows', 'deliveryWindows', 'Add Window', {
		description:
			'Periods in which the SMS may be sent (scheduled sending). Messages not sent before the last window closes expire. Times without a zone are in the workflow\'s time zone.',
		options: [
			{
				displayName: 'Window',
				name: 'windows',
				values: [
					field('Opens', 'opens', 'dateTime', '', { description: 'When sending may start' }),
					field('Closes', 'closes', 'dateTime', '', {
						description: 'When sending must stop. Empty: one week after opening.',
					}),
				],
			},
		],
	}),
	encoding: field('Encoding', 'encoding', 'options', 'auto', {
		options: [
			{
				name: 'Auto',
				value: 'auto',
				description:
					'GSM when the text fits GSM-7, otherwise Unicode; the choice is sent explicitly with every request. In personalised mode it is made per recipient\'s text, and the two kinds go in separate requests.',
			},
			{
				name: 'GSM',
				value: 'gsm',
				description:
					'GSM-7 characters only (A–Z, digits, common punctuation, ÅÄÖ and a few accents): 160 characters per SMS, so cheaper for long texts',
			},
			{
				name: 'Unicode',
				value: 'ucs',
				description:
					'UCS-2: any character, emoji included; 70 characters per SMS. A text that would fit GSM may still be sent and billed as Unicode, so the output counts Unicode parts.',
			},
		],
		description:
			'Character set of the SMS. Auto picks GSM when the text allows it and Unicode otherwise: GSM is cheaper for long texts (160 instead of 70 characters per SMS). With GSM, a message containing other characters is refused before sending and the characters are listed. The output shows the encoding and parts requested, and iP.1\'s own figures when it returns them.',
	}),
	lookUpMessageIds: field('Look Up Missing Message IDs', 'lookUpMessageIds', 'boolean', true, {
		description:
			"Whether to read a batch's message IDs with one extra request when iP.1's answer to the send carries none. Off: such sends cost one request and output the batch ID only.",
	}),
	priority: field('Priority', 'priority', 'options', 'normal', {
		options: [
			{
				name: 'High',
				value: 'high',
				description: 'Sent ahead of normal traffic; costs 10 öre more per SMS on Swedish (SEK) accounts, €0.01 more on international accounts',
			},
			{ name: 'Normal', value: 'normal', description: 'Standard priority, no extra cost' },
		],
		description:
			'Sending priority. High costs extra per SMS: +10 öre on SEK accounts, +€0.01 on international accounts.',
	}),
	quietHours: {
		displayName: 'Quiet Hours',
		name: 'quietHours',
		type: 'fixedCollection',
		placeholder: 'Add Quiet Hours',
		default: {},
		description:
			'A daily period in which nothing is delivered, e.g. 21:00–08:00. It becomes delivery windows: a message sent during quiet hours waits until they end. With Send At or Delivery Windows, those are cut to the time outside quiet hours.',
		options: [
			{
				displayName: 'Quiet Hours',
				name: 'hours',
				values: [
					field('From', 'from', 'string', '21:00', {
						placeholder: '21:00',
						description: 'When quiet hours begin each day (24-hour clock, HH:MM)',
					}),
					field('Until', 'until', 'string', '08:00', {
						placeholder: '08:00',
						description: 'When they end (the next morning when earlier than From)',
					}),
					field('Time Zone', 'timeZone', 'string', '', {
						placeholder: 'Europe/Stockholm',
						description: 'The IANA time zone of these hours. Empty: the workflow\'s time zone (Workflow Settings).',
					}),
				],
			},
		],
	},
	recipientsPerRequest: field('Recipients per Request', 'recipientsPerRequest', 'number', 1000, {
		typeOptions: { minValue: 1, maxValue: 10000 },
		description:
			'Most recipients sent in one API request; more are split into several batches. 10,000 personalised items cost 10 requests at the default of 1,000.',
	}),
	reference: field('Reference', 'reference', 'string', '', {
		placeholder: 'order-42',
		description:
			'Your own ID for the batch, returned in delivery reports and message documents. When empty, one is generated per request (n8n-…) and put in the output, so a batch can always be found again.',
	}),
	sendAt: field('Send At', 'sendAt', 'dateTime', '', {
		description:
			'Send later, at this date and time (one delivery window open for one week from then). Use either this or Delivery Windows.',
	}),
	tags: field('Tags', 'tags', 'string', '', {
		placeholder: 'marketing, spring-campaign',
		description: 'Free tags for the batch, separated by commas (or an array from an expression)',
	}),
	type: field('Type', 'type', 'options', 'sms', {
		options: [
			{ name: 'Flash', value: 'flash', description: 'Shown on the screen at once and not stored on the phone' },
			{ name: 'SMS', value: 'sms', description: 'A normal text message, stored in the inbox' },
		],
		description: 'Normal SMS, or a flash SMS shown immediately and not saved',
	}),
} satisfies Record<string, INodeProperties>;

const optionsField = optionsCollection(
	Object.values(SEND_OPTIONS),
	'Optional settings: scheduling (Send At, Delivery Windows), encoding, priority, flash SMS, delivery reports, reference and tags. Unset options use the API defaults.',
);

/** n8n's convention (Simplify, on by default): outputs that read at a glance in the Table view. */
const simplifyField = field('Simplify', 'simplify', 'boolean', true, {
	description:
		"Whether to output only the flat fields per recipient (to, message ID, status, text, segments, encoding, batch ID, reference, price, warnings). Off: also the request as sent and iP.1's answer, under 'detail'.",
});

export const sendFields: INodeProperties[] = [
	modeField,
	senderField,
	recipientsField,
	messageField,
	personalisationField,
	defaultValuesField,
	simplifyField,
	optionsField,
];

/** How the pipeline reads the fields above (the fallback is what an absent parameter reads as). */
export const SEND = {
	mode: parameter<unknown>(modeField, 'perItem'),
	sender: parameter<unknown>(senderField, ''),
	recipients: parameter<unknown>(recipientsField, ''),
	message: parameter<unknown>(messageField, ''),
	personalisation: parameter<unknown>(personalisationField, {}),
	defaultValues: parameter<unknown>(defaultValuesField, {}),
	simplify: parameter<unknown>(simplifyField, true),
	options: parameter<IDataObject | null>(optionsField, {}),
};
