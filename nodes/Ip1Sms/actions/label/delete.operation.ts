import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1ApiRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { forEachItem } from '../common/items';
import { EXISTING_LABEL, existingLabelField } from './fields';
import { readLabelName } from './labels';
import { normaliseLabelSummary } from '../../../shared/dialect/resources';

export const description: INodeProperties[] = forOperations('label', ['delete'], [existingLabelField]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const labelName = readLabelName(this, itemIndex, EXISTING_LABEL);
		const body = await ip1ApiRequest.call(this, {
			method: 'DELETE',
			path: `/v2/labels/${encodeURIComponent(labelName)}`,
			itemIndex,
		});
		return { ...normaliseLabelSummary(body, labelName), deleted: true };
	});
}
