import type { IExecuteFunctions } from 'n8n-workflow';

import { listField, readLandingPageId } from '../common/fields';
import { idReader, pathIdRule } from '../common/ids';

export const elementIdField = listField(
	{
		displayName: 'Element Name or ID',
		name: 'elementId',
		typeOptions: { loadOptionsMethod: 'getLandingPageElements', loadOptionsDependsOn: ['landingPageId'] },
	},
	'The element of the page.',
);

const readElementId = idReader(elementIdField, pathIdRule('Element', '617e6a1ed233ab8484e18405'));

export function elementPath(context: IExecuteFunctions, itemIndex: number): string {
	const pageId = readLandingPageId(context, itemIndex);
	const elementId = readElementId(context, itemIndex);
	return `/v2/landings/${encodeURIComponent(pageId)}/elements/${encodeURIComponent(elementId)}`;
}
