import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { putSetting } from '../../../shared/dialect/settings';
import { forOperations } from '../common/display';
import { forEachItem } from '../common/items';
import { settingKeyField, settingValueField } from './fields';
import { readSettingKey, readSettingValue } from './settings';

export const description: INodeProperties[] = forOperations('setting', ['set'], [settingKeyField, settingValueField]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const key = readSettingKey(this, itemIndex);
		const value = readSettingValue(this, itemIndex, key);
		// Path and body form are undocumented: the dialect (shared/dialect/settings.ts) tries each reading.
		return { ...(await putSetting(this, key, value, itemIndex)), isSet: true };
	});
}
