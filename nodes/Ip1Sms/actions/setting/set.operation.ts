import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { putSetting } from '../../../shared/dialect/settings';
import { isDocument } from '../../../shared/values';
import { forOperations } from '../common/display';
import { forEachItem } from '../common/items';
import { settingKeyField, settingValueField } from './fields';
import { readSettingKey, readSettingValue, settingFrom } from './settings';

export const description: INodeProperties[] = forOperations('setting', ['set'], [settingKeyField, settingValueField]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const key = readSettingKey(this, itemIndex);
		const value = readSettingValue(this, itemIndex, key);
		// Path and body form are undocumented: settingsApi.ts tries each documented reading.
		const body = await putSetting(this, key, value, itemIndex);
		const setting = isDocument(body) ? settingFrom(body, key) : { key, value };
		return { ...setting, value: setting.value ?? value, isSet: true };
	});
}
