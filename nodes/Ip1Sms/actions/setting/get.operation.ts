import { NodeApiError } from 'n8n-workflow';

import { getSetting } from '../../../shared/dialect/settings';
import { asNodeError } from '../../../shared/errors/apiErrors';
import { perItem } from '../common/operation';
import { readSettingKey, settingKeyField } from './settings';

export const { description, execute } = perItem('setting', 'get', [settingKeyField], async function (itemIndex) {
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
