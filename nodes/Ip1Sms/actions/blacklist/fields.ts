import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { normaliseBlacklistEntry } from '../../../shared/dialect/resources';
import { ip1ApiRequest } from '../../../shared/transport';
import { defaultCountryCodeOption, optionsCollection, readDefaultCountryCode } from '../common/fields';
import { checkedMsisdn } from '../common/ids';
import { getParameter, parameter } from '../common/parameters';

function phoneNumberField(description: string): INodeProperties {
	return {
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+46701234567',
		description,
	};
}

const PHONE_NUMBER = parameter<unknown>(phoneNumberField(''), '');

export function numberFields(description: string): INodeProperties[] {
	return [phoneNumberField(description), optionsCollection([defaultCountryCodeOption()])];
}

/** The blacklist takes MSISDN: country code and number, digits only, no `+`. */
export function readBlacklistMsisdn(context: IExecuteFunctions, itemIndex: number): string {
	const raw = getParameter(context, PHONE_NUMBER, itemIndex);
	return checkedMsisdn(context.getNode(), itemIndex, raw, readDefaultCountryCode(context, itemIndex), {
		field: 'Phone Number',
		fix: 'Write the number with its country code (46701234567, +46 70 123 45 67), or set Options → Default Country Code for national numbers (070 123 45 67 with 46, (212) 555-0199 with 1).',
	});
}

export async function requestEntry(
	context: IExecuteFunctions,
	method: 'GET' | 'DELETE',
	msisdn: string,
	itemIndex: number,
): Promise<IDataObject> {
	const path = `/v2/blacklist/${encodeURIComponent(msisdn)}`;
	return normaliseBlacklistEntry(await ip1ApiRequest.call(context, { method, path, itemIndex }), msisdn);
}
