import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../common/items';
import { settingsList } from './settings';
import { getSettings } from '../../helpers/settingsApi';
import { returnAllFields } from '../common/fields';

export const description: INodeProperties[] = [...returnAllFields('setting', ['getAll'])];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll ? Number.POSITIVE_INFINITY : (this.getNodeParameter('limit', itemIndex) as number);
		// Settings are one document, not a paged collection.
		const body = await getSettings(this, itemIndex);
		// One item per setting, `{ key, value }`, whether the API answered with a map or a list.
		return settingsList(body).slice(0, limit);
	});
}
