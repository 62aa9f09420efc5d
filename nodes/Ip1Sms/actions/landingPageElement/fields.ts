import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readLandingPageId } from '../common/fields';
import { idReader, pathIdRule } from '../common/ids';

export const elementIdField: INodeProperties = {
	displayName: 'Element Name or ID',
	name: 'elementId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getLandingPageElements', loadOptionsDependsOn: ['landingPageId'] },
	required: true,
	default: '',
	description:
		'The element of the page. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const readElementId = idReader(elementIdField, pathIdRule('Element', '617e6a1ed233ab8484e18405'));

export function elementPath(context: IExecuteFunctions, itemIndex: number): string {
	const pageId = readLandingPageId(context, itemIndex);
	const elementId = readElementId(context, itemIndex);
	return `/v2/landings/${encodeURIComponent(pageId)}/elements/${encodeURIComponent(elementId)}`;
}
