import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1ApiRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { forEachItem } from '../common/items';
import { readBlacklistMsisdn } from './blacklist';
import { normaliseBlacklistEntry } from '../../../shared/dialect/resources';
import { countryCodeOptions, phoneNumberField } from './fields';

export const description: INodeProperties[] = forOperations('blacklist', ['remove'], [
	phoneNumberField('The number that may receive SMS again'),
	countryCodeOptions,
]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const msisdn = readBlacklistMsisdn(this, itemIndex);
		const body = await ip1ApiRequest.call(this, {
			method: 'DELETE',
			path: `/v2/blacklist/${encodeURIComponent(msisdn)}`,
			itemIndex,
		});
		return { ...normaliseBlacklistEntry(body, msisdn), removed: true };
	});
}
