import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1ApiRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { landingPageIdField, readLandingPageId } from '../common/fields';
import { forEachItem } from '../common/items';

export const description: INodeProperties[] = forOperations('landingPage', ['delete'], [landingPageIdField]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const id = readLandingPageId(this, itemIndex);
		// DELETE as on the Swedish page; the English pages' "POST" is a documentation error (it is also
		// how the docs write the contact delete).
		await ip1ApiRequest.call(this, { method: 'DELETE', path: `/v2/landings/${encodeURIComponent(id)}`, itemIndex });
		return { id, deleted: true };
	});
}
