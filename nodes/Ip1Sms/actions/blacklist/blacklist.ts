import type { IExecuteFunctions } from 'n8n-workflow';

import { readDefaultCountryCode } from '../common/fields';
import { checkedMsisdn } from '../common/ids';
import { getParameter } from '../common/parameters';
import { PHONE_NUMBER } from './fields';

/** The blacklist takes MSISDN: country code and number, digits only, no `+`. */
export function readBlacklistMsisdn(context: IExecuteFunctions, itemIndex: number): string {
	const raw = getParameter(context, PHONE_NUMBER, itemIndex);
	return checkedMsisdn(context.getNode(), itemIndex, raw, readDefaultCountryCode(context, itemIndex), {
		field: 'Phone Number',
		fix: 'Write the number with its country code (46701234567, +46 70 123 45 67), or set Options → Default Country Code for national numbers (070 123 45 67 with 46, (212) 555-0199 with 1).',
	});
}

