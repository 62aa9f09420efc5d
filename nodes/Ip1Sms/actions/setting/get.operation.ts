import { NodeApiError, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { asNodeError } from '../../../shared/errors/apiErrors';
import { getSetting } from '../../../shared/dialect/settings';
import { forOperations } from '../common/display';
import { forEachItem } from '../common/items';
import { settingKeyField } from './fields';
import { readSettingKey } from './settings';

export const description: INodeProperties[] = forOperations('setting', ['get'], [settingKeyField]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const key = readSettingKey(this, itemIndex);
		try {
			const setting = await getSetting(this, key, itemIndex);
			return { ...setting, isSet: setting.value !== null };
		} catch (error) {
			// A setting that was never set (or was deleted) has no value: the API's default applies.
			if (error instanceof NodeApiError && error.httpCode === '404') return { key, value: null, isSet: false };
			throw asNodeError(this.getNode(), error);
		}
	});
}
