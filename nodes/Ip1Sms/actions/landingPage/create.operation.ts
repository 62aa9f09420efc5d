import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../../shared/errors/inputErrors';
import { forEachItem } from '../common/items';
import { MANAGED_PAGE_FIELDS, normaliseLandingPage, readJsonObject, withoutKeys } from './landingPages';
import { ip1ApiRequest } from '../../transport';
import { otherFieldsOption } from './fields';

const show = { show: { resource: ['landingPage'], operation: ['create'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'pageName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Spring sale',
		description: 'The name of the landing page',
		displayOptions: show,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show,
		options: [otherFieldsOption],
	},
];

export function readPageName(context: IExecuteFunctions, itemIndex: number, value: unknown): string {
	const name = String(value ?? '').trim();
	if (name === '') {
		throw inputError(context.getNode(), itemIndex, {
			field: 'Name',
			rule: 'is required',
			fix: 'Give the landing page a name, such as the campaign it belongs to.',
		});
	}
	return name;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const name = readPageName(this, itemIndex, this.getNodeParameter('pageName', itemIndex, ''));
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const other = readJsonObject(this, itemIndex, additional.otherFields, 'Other Fields (JSON)');
		const page = await ip1ApiRequest.call(this, {
			method: 'POST',
			path: '/v2/landings',
			body: { ...withoutKeys(other, MANAGED_PAGE_FIELDS), name },
			itemIndex,
		});
		return normaliseLandingPage(page);
	});
}
