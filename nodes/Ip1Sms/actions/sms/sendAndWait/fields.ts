import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { defaultCountryCodeOption } from '../../common/fields';
import { parameter } from '../../common/parameters';
import { field, messageField as sendMessageField, recipientsField as sendRecipientsField, SEND_OPTIONS, senderField } from '../fields';

/*
 * Parameter names follow n8n's own Send and Wait operations (Slack, Telegram, Gmail): `message`,
 * `responseType` ('approval' | 'freeText'), `approvalOptions.values`, `options.limitWaitTime.values`.
 * n8n's AI-agent "human review" tool is built from them (it fixes `responseType` to 'approval').
 */

const sendToField: INodeProperties = {
	displayName: 'To',
	name: 'sendTo',
	type: 'string',
	required: true,
	default: '',
	placeholder: '46701234567',
	description:
		'The phone number to ask, with its country code (46701234567 or +46 70 123 45 67). Their reply by SMS resumes the workflow.',
};

const messageField: INodeProperties = {
	...sendMessageField,
	placeholder: 'Your appointment is tomorrow at 10:00. Reply JA to confirm or NEJ to cancel.',
	description: 'The question sent by SMS (1–2000 characters). Say in it how to answer.',
};

const responseTypeField = field('Response Type', 'responseType', 'options', 'approval', {
	options: [
		{ name: 'Approval', value: 'approval', description: 'The reply is a yes or a no (keywords below)' },
		{ name: 'Free Text', value: 'freeText', description: 'Any reply resumes the workflow with its text' },
	],
	description: 'What answer the workflow waits for: a yes or no by keyword, or any text',
});

export const DEFAULT_APPROVE_WORDS = 'YES, JA, Y, J';
export const DEFAULT_DECLINE_WORDS = 'NO, NEJ, N';
export const DEFAULT_RETRY_HINT = 'Please answer YES or NO. / Svara JA eller NEJ.';

const approvalOptionsField: INodeProperties = {
	displayName: 'Approval Options',
	name: 'approvalOptions',
	type: 'fixedCollection',
	placeholder: 'Add option',
	default: {},
	description: 'Which replies approve or decline, and what other replies are answered with',
	displayOptions: { show: { responseType: ['approval'] } },
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				field('Approve Keywords', 'approveKeywords', 'string', DEFAULT_APPROVE_WORDS, {
					description: 'Replies that approve, separated by commas (case, spaces and punctuation around them are ignored)',
				}),
				field('Decline Keywords', 'declineKeywords', 'string', DEFAULT_DECLINE_WORDS, {
					description: 'Replies that decline, separated by commas',
				}),
				field('Answer Other Replies With', 'retryHint', 'string', DEFAULT_RETRY_HINT, {
					description:
						'SMS sent back when a reply is neither an approve nor a decline keyword; the workflow keeps waiting. Empty: send nothing (the reply is ignored and the workflow keeps waiting).',
				}),
			],
		},
	],
};

/**
 * "Limit Wait Time", shaped as n8n's own Send and Wait option (`options.limitWaitTime.values` with
 * limitType / resumeAmount / resumeUnit / maxDateAndTime), so that workflows and the AI-agent
 * human-review tool read the same. Without it the execution waits indefinitely, as n8n's nodes do.
 */
const limitWaitTimeOption: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	description:
		'Whether to stop waiting after a while. The workflow then goes on with "timedOut": true (an output, not an error).',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				field('Limit Type', 'limitType', 'options', 'afterTimeInterval', {
					description: 'Whether the wait ends after an amount of time or at a date and time',
					options: [
						{ name: 'After Time Interval', value: 'afterTimeInterval', description: 'Stop waiting after an amount of time' },
						{ name: 'At Specified Time', value: 'atSpecifiedTime', description: 'Stop waiting at a date and time' },
					],
				}),
				{
					displayName: 'Amount',
					name: 'resumeAmount',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: 1,
					description: 'How many units of time to wait for the answer',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				field('Unit', 'resumeUnit', 'options', 'hours', {
					description: 'The unit of the amount to wait',
					options: [
						{ name: 'Minutes', value: 'minutes' },
						{ name: 'Hours', value: 'hours' },
						{ name: 'Days', value: 'days' },
					],
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				}),
				field('Max Date and Time', 'maxDateAndTime', 'dateTime', '', {
					description: 'When to stop waiting and go on with the time-limit output',
					displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
				}),
			],
		},
	],
};

const approvalLinkOption = field('Add Answer Link', 'answerLink', 'boolean', false, {
	description:
		"Whether to add a link to the SMS where the recipient can answer on a web page instead of replying (n8n's waiting-webhook page). The link is long (about 150 characters: two SMS parts).",
});

const OPTIONS = { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {} } as const;

function waitOptions(options: INodeProperties[], description: string): INodeProperties {
	return { ...OPTIONS, options, description };
}

const waitOptionsField = waitOptions(
	[approvalLinkOption, defaultCountryCodeOption(), limitWaitTimeOption, SEND_OPTIONS.quietHours],
	'Optional settings: an answer link, a default country code for national numbers, a time limit for the wait, quiet hours for the question',
);

export const sendAndWaitFields: INodeProperties[] = [
	senderField,
	sendToField,
	messageField,
	responseTypeField,
	approvalOptionsField,
	waitOptionsField,
];

const recipientsField: INodeProperties = {
	...sendRecipientsField,
	description:
		'Phone numbers to send to, with their country code, separated by commas or new lines (or an array from a previous node). The workflow goes on once every one of them has a final delivery status.',
};

const deliveryMessageField: INodeProperties = { ...messageField, placeholder: 'Your order has shipped.', description: 'The text of the SMS (1–2000 characters)' };

const deliveryWaitOptionsField = waitOptions(
	[defaultCountryCodeOption(), limitWaitTimeOption],
	'Optional settings: a default country code for national numbers, a time limit for the wait',
);

export const sendAndWaitForDeliveryFields: INodeProperties[] = [senderField, recipientsField, deliveryMessageField, deliveryWaitOptionsField];

export const WAIT = {
	sender: parameter<unknown>(senderField, ''),
	sendTo: parameter<unknown>(sendToField, ''),
	recipients: parameter<unknown>(recipientsField, ''),
	message: parameter<unknown>(messageField, ''),
	responseType: parameter<string>(responseTypeField, 'approval'),
	approvalOptions: parameter<IDataObject>({ name: 'approvalOptions.values' }, {}),
	options: parameter<IDataObject>(waitOptionsField, {}),
};

export const WAIT_OPTIONS = { answerLink: approvalLinkOption };
