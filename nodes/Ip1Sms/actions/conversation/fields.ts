import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defaultCountryCodeOption, optionsCollection, readDefaultCountryCode } from '../common/fields';
import { checkedMsisdn } from '../common/ids';
import { getParameter, parameter } from '../common/parameters';

const participantField: INodeProperties = {
	displayName: 'Participant',
	name: 'participant',
	type: 'string',
	required: true,
	default: '',
	placeholder: '+46 70 123 45 67',
	description:
		'The phone number of the person the conversation is with (country code first; spaces, dashes and + are fine), or an alphanumeric sender name',
};

export const participantFields: INodeProperties[] = [
	participantField,
	optionsCollection([defaultCountryCodeOption()], 'Optional settings for reading the participant number'),
];

const PARTICIPANT = parameter<unknown>(participantField, '');

const ALPHANUMERIC_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9]{3,11}$/;

/** The conversation's path: its other side is a phone number (as MSISDN) or an alphanumeric sender such as "iP1sms". */
export function participantPath(context: IExecuteFunctions, itemIndex: number): string {
	const raw = String(getParameter(context, PARTICIPANT, itemIndex) ?? '').trim();
	const participant = ALPHANUMERIC_SENDER.test(raw)
		? raw
		: checkedMsisdn(context.getNode(), itemIndex, raw, readDefaultCountryCode(context, itemIndex), {
				field: 'Participant',
				fix: 'Enter the phone number with its country code (46701234567 or +46 70 123 45 67), set "Default Country Code" for national numbers (070 123 45 67 with 46, (212) 555-0199 with 1), or enter an alphanumeric sender name.',
			});
	return `/v2/conversations/${encodeURIComponent(participant)}`;
}
