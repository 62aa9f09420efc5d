import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../common/items';
import { normaliseLandingPage, readPathId } from './landingPages';
import { ip1ApiRequest } from '../../transport';
import { landingPageIdField } from './fields';

export const description: INodeProperties[] = [landingPageIdField('landingPage', ['get'])];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const id = readPathId(this, itemIndex, 'landingPageId', 'Landing Page', '617e6a1ed233ab8484e18404');
		const page = await ip1ApiRequest.call(this, {
			method: 'GET',
			path: `/v2/landings/${encodeURIComponent(id)}`,
			itemIndex,
		});
		return normaliseLandingPage(page);
	});
}
