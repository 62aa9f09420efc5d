import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../../shared/errors/inputErrors';
import { forEachItem } from '../common/items';
import {
	MANAGED_PAGE_FIELDS,
	normaliseLandingPage,
	readJsonObject,
	readPathId,
	withoutKeys,
} from './landingPages';
import { ip1ApiRequest } from '../../transport';
import { readPageName } from './create.operation';
import { landingPageIdField, otherFieldsOption } from './fields';

export const description: INodeProperties[] = [
	landingPageIdField('landingPage', ['update']),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only these fields change; the page\'s elements, views and links are never touched',
		displayOptions: { show: { resource: ['landingPage'], operation: ['update'] } },
		options: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'Spring sale' },
			otherFieldsOption,
		],
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const id = readPathId(this, itemIndex, 'landingPageId', 'Landing Page', '617e6a1ed233ab8484e18404');
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const changes: IDataObject = withoutKeys(
			readJsonObject(this, itemIndex, fields.otherFields, 'Other Fields (JSON)'),
			MANAGED_PAGE_FIELDS,
		);
		if ('name' in fields) changes.name = readPageName(this, itemIndex, fields.name);
		if (Object.keys(changes).length === 0) {
			throw inputError(this.getNode(), itemIndex, {
				field: 'Update Fields',
				rule: 'are empty: there is nothing to change',
				fix: 'Add the Name or Other Fields (JSON) to change.',
			});
		}
		const path = `/v2/landings/${encodeURIComponent(id)}`;
		// PUT replaces every field but the elements, views and links: start from the current page so
		// fields not given here keep their values.
		const current = normaliseLandingPage(await ip1ApiRequest.call(this, { method: 'GET', path, itemIndex }));
		const page = await ip1ApiRequest.call(this, {
			method: 'PUT',
			path,
			body: { ...withoutKeys(current, MANAGED_PAGE_FIELDS), ...changes },
			itemIndex,
		});
		return normaliseLandingPage(page);
	});
}
