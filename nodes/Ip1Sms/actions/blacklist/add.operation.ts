import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1ApiRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { forEachItem } from '../common/items';
import { normaliseBlacklistEntry, readBlacklistMsisdn } from './blacklist';
import { countryCodeOptions, phoneNumberField } from './fields';

export const description: INodeProperties[] = forOperations('blacklist', ['add'], [
	phoneNumberField('The number that must not receive SMS from this account any more'),
	countryCodeOptions,
]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const msisdn = readBlacklistMsisdn(this, itemIndex);
		// `PUT /v2/blacklist/{msisdn}` ("add or update") rather than the POST whose body is undocumented:
		// adding twice is harmless, so it may be retried. Whether the PUT needs a body is undocumented
		// (ambiguity 21): `{ msisdn }` repeats the path's number, which an API that needs no body ignores.
		const body = await ip1ApiRequest.call(this, {
			method: 'PUT',
			path: `/v2/blacklist/${encodeURIComponent(msisdn)}`,
			body: { msisdn },
			itemIndex,
		});
		return { ...normaliseBlacklistEntry(body, msisdn), blocked: true };
	});
}
