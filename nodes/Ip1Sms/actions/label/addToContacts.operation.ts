import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { normaliseLabelSummary } from '../../../shared/dialect/resources';
import { ip1ApiRequest } from '../../../shared/transport';
import { errorItem, readEveryItem, withItemIndex } from '../common/items';
import { perItem } from '../common/operation';
import { getParameter } from '../common/parameters';
import { addToContactsFields, COMBINE_ITEMS, readContactIds, readLabelToAdd } from './fields';

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

const oneByOne = perItem('label', 'addToContacts', addToContactsFields, async function (itemIndex) {
	return await addLabel(this, readLabelToAdd(this, itemIndex), readContactIds(this, itemIndex), itemIndex);
});

export const { description } = oneByOne;

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	if (getParameter(this, COMBINE_ITEMS, 0) !== true) return await oneByOne.execute.call(this, items);
	const read = readEveryItem(this, items.length, (itemIndex) => ({
		labelName: readLabelToAdd(this, itemIndex),
		ids: readContactIds(this, itemIndex),
	}));
	const output = Array.from(read.errors, ([itemIndex, error]) => errorItem(error, itemIndex));
	for (const [labelName, group] of groupByLabel(read.values)) {
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

/** One request per distinct label, with every ID once. */
function groupByLabel(inputs: Map<number, { labelName: string; ids: string[] }>) {
	const groups = new Map<string, { ids: Set<string>; sources: number[] }>();
	for (const [itemIndex, { labelName, ids }] of inputs) {
		const group = groups.get(labelName) ?? { ids: new Set<string>(), sources: [] };
		ids.forEach((id) => group.ids.add(id));
		group.sources.push(itemIndex);
		groups.set(labelName, group);
	}
	return groups;
}
