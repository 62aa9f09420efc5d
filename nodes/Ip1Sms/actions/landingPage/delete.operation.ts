import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../common/items';
import { readPathId } from './landingPages';
import { ip1ApiRequest } from '../../transport';
import { landingPageIdField } from './fields';

export const description: INodeProperties[] = [landingPageIdField('landingPage', ['delete'])];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const id = readPathId(this, itemIndex, 'landingPageId', 'Landing Page', '617e6a1ed233ab8484e18404');
		// DELETE as on the Swedish page; the English pages' "POST" is a documentation error (it is also
		// how the docs write the contact delete).
		await ip1ApiRequest.call(this, { method: 'DELETE', path: `/v2/landings/${encodeURIComponent(id)}`, itemIndex });
		return { id, deleted: true };
	});
}
