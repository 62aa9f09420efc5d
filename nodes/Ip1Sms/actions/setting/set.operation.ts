import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../common/items';
import { isDocument } from '../../../shared/values';
import { readSettingKey, readSettingValue, settingFrom } from './settings';
import { putSetting } from '../../helpers/settingsApi';
import { settingKeyField } from './fields';

export const description: INodeProperties[] = [
	settingKeyField(['set']),
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/webhook/sms',
		description: 'The new value; it replaces the current one',
		displayOptions: { show: { resource: ['setting'], operation: ['set'] } },
	},
];

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
