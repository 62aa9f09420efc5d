import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { errorItem, forEachItem, withItemIndex } from '../common/items';
import { normaliseLabelSummary, readContactIds, readLabelName } from './labels';
import { ip1ApiRequest } from '../../transport';

const show = { show: { resource: ['label'], operation: ['addToContacts'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Label',
		name: 'labelName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'customers',
		description: 'The label to add; a new label is created by adding it',
		displayOptions: show,
	},
	{
		displayName: 'Contact IDs',
		name: 'contactIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: '606312a5d233ab8484e18404, 606312a5d233ab8484e18405',
		description: 'IDs of the contacts to label, separated by commas (an array from an expression works too)',
		displayOptions: show,
	},
	{
		displayName: 'Combine All Items',
		name: 'combineItems',
		type: 'boolean',
		default: false,
		description:
			'Whether to collect the contact IDs of all input items and label them in one request (one per distinct label), instead of one request per item',
		displayOptions: show,
	},
];

async function addLabel(context: IExecuteFunctions, labelName: string, ids: string[], itemIndex?: number) {
	const body = await ip1ApiRequest.call(context, {
		method: 'POST',
		path: `/v2/labels/${encodeURIComponent(labelName)}/contacts`,
		body: ids,
		// Adding a label twice changes nothing: safe to repeat after an unclear failure.
		retry: 'repeatable',
		itemIndex,
	});
	return { ...normaliseLabelSummary(body, labelName), contactsSent: ids.length };
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	if (this.getNodeParameter('combineItems', 0, false) !== true) {
		return await forEachItem(this, items, async (itemIndex) => {
			const labelName = readLabelName(this, itemIndex, 'labelName', 'Label');
			return await addLabel(this, labelName, readContactIds(this, itemIndex), itemIndex);
		});
	}

	// Group the items by label: one request per distinct label, with every ID once.
	const output: INodeExecutionData[] = [];
	const groups = new Map<string, { ids: Set<string>; sources: number[] }>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const labelName = readLabelName(this, itemIndex, 'labelName', 'Label');
			const ids = readContactIds(this, itemIndex);
			const group = groups.get(labelName) ?? { ids: new Set<string>(), sources: [] };
			ids.forEach((id) => group.ids.add(id));
			group.sources.push(itemIndex);
			groups.set(labelName, group);
		} catch (error) {
			if (!this.continueOnFail()) throw withItemIndex(this, error, itemIndex);
			output.push(errorItem(error, itemIndex));
		}
	}
	for (const [labelName, group] of groups) {
		try {
			const summary = await addLabel(this, labelName, Array.from(group.ids), group.sources[0]);
			output.push({ json: summary, pairedItem: group.sources.map((item) => ({ item })) });
		} catch (error) {
			if (!this.continueOnFail()) throw withItemIndex(this, error, group.sources[0]);
			group.sources.forEach((itemIndex) => output.push(errorItem(error, itemIndex)));
		}
	}
	return output;
}
