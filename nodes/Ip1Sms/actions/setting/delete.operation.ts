import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { deleteSetting } from '../../../shared/dialect/settings';
import { forOperations } from '../common/display';
import { forEachItem } from '../common/items';
import { settingKeyField } from './fields';
import { readSettingKey } from './settings';

export const description: INodeProperties[] = forOperations('setting', ['delete'], [settingKeyField]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const key = readSettingKey(this, itemIndex);
		await deleteSetting(this, key, itemIndex);
		// iP.1 then falls back to its default for the setting, or switches the feature off.
		return { key, value: null, isSet: false, deleted: true };
	});
}
