import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1ApiRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { forEachItem } from '../common/items';
import { getParameter } from '../common/parameters';
import { ADDITIONAL_FIELDS, additionalPageFields, otherFieldsOption, PAGE_NAME, pageNameField } from './fields';
import { MANAGED_PAGE_FIELDS, readJsonObject, readPageName, withoutKeys } from './landingPages';
import { normaliseLandingPage } from '../../../shared/dialect/resources';

export const description: INodeProperties[] = forOperations('landingPage', ['create'], [pageNameField, additionalPageFields]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const name = readPageName(this, itemIndex, getParameter(this, PAGE_NAME, itemIndex));
		const additional = getParameter(this, ADDITIONAL_FIELDS, itemIndex);
		const other = readJsonObject(this, itemIndex, additional[otherFieldsOption.name], 'Other Fields (JSON)');
		const page = await ip1ApiRequest.call(this, {
			method: 'POST',
			path: '/v2/landings',
			body: { ...withoutKeys(other, MANAGED_PAGE_FIELDS), name },
			itemIndex,
		});
		return normaliseLandingPage(page);
	});
}
