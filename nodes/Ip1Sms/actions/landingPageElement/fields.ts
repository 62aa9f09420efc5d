import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readLandingPageId } from '../common/fields';
import { pathIdRule, readId } from '../common/ids';
import { parameter } from '../common/parameters';

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

const ELEMENT_ID = parameter<unknown>(elementIdField, '');

export function elementPath(context: IExecuteFunctions, itemIndex: number): string {
	const pageId = readLandingPageId(context, itemIndex);
	const elementId = readId(context, itemIndex, ELEMENT_ID, pathIdRule('Element', '617e6a1ed233ab8484e18405'));
	return `/v2/landings/${encodeURIComponent(pageId)}/elements/${encodeURIComponent(elementId)}`;
}
