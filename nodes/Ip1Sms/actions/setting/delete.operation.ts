import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../common/items';
import { readSettingKey } from './settings';
import { deleteSetting } from '../../helpers/settingsApi';
import { settingKeyField } from './fields';

export const description: INodeProperties[] = [settingKeyField(['delete'])];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const key = readSettingKey(this, itemIndex);
		await deleteSetting(this, key, itemIndex);
		// iP.1 then falls back to its default for the setting, or switches the feature off.
		return { key, value: null, isSet: false, deleted: true };
	});
}
