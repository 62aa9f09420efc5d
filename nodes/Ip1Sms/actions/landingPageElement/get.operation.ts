import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1ApiRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { landingPageIdField } from '../common/fields';
import { forEachItem } from '../common/items';
import { normaliseElement } from '../../../shared/dialect/resources';
import { elementIdField, elementPath } from './fields';

export const description: INodeProperties[] = forOperations('landingPageElement', ['get'], [landingPageIdField, elementIdField]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const element = await ip1ApiRequest.call(this, { method: 'GET', path: elementPath(this, itemIndex), itemIndex });
		return normaliseElement(element);
	});
}
