import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { putOnBlacklist } from '../../../shared/dialect/resources';
import { forOperations } from '../common/display';
import { forEachItem } from '../common/items';
import { readBlacklistMsisdn } from './blacklist';
import { countryCodeOptions, phoneNumberField } from './fields';

export const description: INodeProperties[] = forOperations('blacklist', ['add'], [
	phoneNumberField('The number that must not receive SMS from this account any more'),
	countryCodeOptions,
]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => ({ ...(await putOnBlacklist(this, readBlacklistMsisdn(this, itemIndex), itemIndex)), blocked: true }));
}
