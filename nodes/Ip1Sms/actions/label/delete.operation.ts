import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../common/items';
import { normaliseLabelSummary, readLabelName } from './labels';
import { ip1ApiRequest } from '../../transport';

export const description: INodeProperties[] = [
	{
		displayName: 'Label Name or ID',
		name: 'existingLabel',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getLabels' },
		required: true,
		default: '',
		description:
			'The label to remove from every contact that carries it (the contacts stay). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { resource: ['label'], operation: ['delete'] } },
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const labelName = readLabelName(this, itemIndex, 'existingLabel', 'Label');
		const body = await ip1ApiRequest.call(this, {
			method: 'DELETE',
			path: `/v2/labels/${encodeURIComponent(labelName)}`,
			itemIndex,
		});
		return { ...normaliseLabelSummary(body, labelName), deleted: true };
	});
}
