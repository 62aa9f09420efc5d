import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { normaliseBlacklistEntry, readBlacklistMsisdn } from './blacklist';
import { forEachItem } from '../common/items';
import { ip1ApiRequest } from '../../transport';
import { countryCodeOptions, phoneNumberField } from './fields';

export const description: INodeProperties[] = [
	phoneNumberField(['get'], 'The blocked number to read (an error if it is not on the blacklist; use Check to test)'),
	countryCodeOptions(['get']),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const msisdn = readBlacklistMsisdn(this, itemIndex);
		const body = await ip1ApiRequest.call(this, {
			method: 'GET',
			path: `/v2/blacklist/${encodeURIComponent(msisdn)}`,
			itemIndex,
		});
		return normaliseBlacklistEntry(body, msisdn);
	});
}
