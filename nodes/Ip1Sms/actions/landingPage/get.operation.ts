import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1ApiRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { landingPageIdField, readLandingPageId } from '../common/fields';
import { forEachItem } from '../common/items';
import { normaliseLandingPage } from '../../../shared/dialect/resources';

export const description: INodeProperties[] = forOperations('landingPage', ['get'], [landingPageIdField]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const id = readLandingPageId(this, itemIndex);
		const page = await ip1ApiRequest.call(this, {
			method: 'GET',
			path: `/v2/landings/${encodeURIComponent(id)}`,
			itemIndex,
		});
		return normaliseLandingPage(page);
	});
}
