import type { IExecuteFunctions } from 'n8n-workflow';

import { readDefaultCountryCode } from '../common/fields';
import { checkedMsisdn } from '../common/ids';
import { getParameter } from '../common/parameters';
import { PARTICIPANT } from './fields';

const ALPHANUMERIC_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9]{3,11}$/;

/**
 * The other side of a conversation: a phone number (normalised to MSISDN like recipients) or an
 * alphanumeric sender such as "iP1sms" (the summary endpoint documents both).
 */
export function readParticipant(context: IExecuteFunctions, itemIndex: number): string {
	const raw = String(getParameter(context, PARTICIPANT, itemIndex) ?? '').trim();
	if (ALPHANUMERIC_SENDER.test(raw)) return raw;
	return checkedMsisdn(context.getNode(), itemIndex, raw, readDefaultCountryCode(context, itemIndex), {
		field: 'Participant',
		fix: 'Enter the phone number with its country code (46701234567 or +46 70 123 45 67), set "Default Country Code" for national numbers (070 123 45 67 with 46, (212) 555-0199 with 1), or enter an alphanumeric sender name.',
	});
}
