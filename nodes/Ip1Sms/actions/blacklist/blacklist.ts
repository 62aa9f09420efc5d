import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { camelCaseKeys, readField, utcTimestamps } from '../../../shared/dialect/documents';
import { isPlainObject } from '../../../shared/values';
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

/**
 * A blacklist entry `{ msisdn, created }`; the legacy API called the number `Phone`, so that is
 * read too. The number we asked about fills in when the API sends no document.
 */
export function normaliseBlacklistEntry(raw: unknown, msisdn?: string): IDataObject {
	const entry = isPlainObject(raw) ? utcTimestamps(camelCaseKeys(raw)) : {};
	const number = readField(entry, 'msisdn') ?? readField(entry, 'phone') ?? readField(entry, 'phoneNumber') ?? msisdn;
	const result: IDataObject = { ...entry, msisdn: number === undefined ? undefined : String(number).replace(/^\+/, '') };
	delete result.phone;
	return result;
}
