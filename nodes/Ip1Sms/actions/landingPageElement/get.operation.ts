import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../common/items';
import { normaliseElement, readPathId } from '../landingPage/landingPages';
import { ip1ApiRequest } from '../../transport';
import { elementIdField, pageField } from './fields';

export const description: INodeProperties[] = [pageField(['get']), elementIdField(['get'])];

export function elementPath(context: IExecuteFunctions, itemIndex: number): string {
	const pageId = readPathId(context, itemIndex, 'landingPageId', 'Landing Page', '617e6a1ed233ab8484e18404');
	const elementId = readPathId(context, itemIndex, 'elementId', 'Element', '617e6a1ed233ab8484e18405');
	return `/v2/landings/${encodeURIComponent(pageId)}/elements/${encodeURIComponent(elementId)}`;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const element = await ip1ApiRequest.call(this, { method: 'GET', path: elementPath(this, itemIndex), itemIndex });
		return normaliseElement(element);
	});
}
