import { NodeApiError, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { asNodeError } from '../../../shared/errors/apiErrors';
import { ip1ApiRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { forEachItem } from '../common/items';
import { readBlacklistMsisdn } from './blacklist';
import { normaliseBlacklistEntry } from '../../../shared/dialect/resources';
import { countryCodeOptions, phoneNumberField } from './fields';

export const description: INodeProperties[] = forOperations('blacklist', ['check'], [
	phoneNumberField('The number to look up: the output says whether it is blocked'),
	countryCodeOptions,
]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const msisdn = readBlacklistMsisdn(this, itemIndex);
		try {
			const body = await ip1ApiRequest.call(this, {
				method: 'GET',
				path: `/v2/blacklist/${encodeURIComponent(msisdn)}`,
				itemIndex,
			});
			return { ...normaliseBlacklistEntry(body, msisdn), msisdn, blocked: true };
		} catch (error) {
			// Not on the blacklist is an answer here, not an error.
			if (error instanceof NodeApiError && error.httpCode === '404') return { msisdn, blocked: false };
			throw asNodeError(this.getNode(), error);
		}
	});
}
