import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getSettings } from '../../../shared/dialect/settings';
import { forOperations } from '../common/display';
import { pagingFields, readPaging } from '../common/fields';
import { forEachItem } from '../common/items';

export const description: INodeProperties[] = forOperations('setting', ['getAll'], pagingFields);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const { limit = Number.POSITIVE_INFINITY } = readPaging(this, itemIndex);
		// Settings are one document, not a paged collection.
		// One item per setting, `{ key, value }`, whether the API answered with a map or a list.
		return (await getSettings(this, itemIndex)).slice(0, limit);
	});
}
