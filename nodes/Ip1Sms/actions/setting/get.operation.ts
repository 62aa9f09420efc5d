import { getSetting } from '../../../shared/dialect/settings';
import { unlessNotFound } from '../common/items';
import { perItem } from '../common/operation';
import { readSettingKey, settingKeyField } from './settings';

export const { description, execute } = perItem('setting', 'get', [settingKeyField], async function (itemIndex) {
	const key = readSettingKey(this, itemIndex);
	// A setting that was never set (or was deleted) has no value: the API's default applies.
	const setting = await unlessNotFound(this, getSetting(this, key, itemIndex));
	return setting ? { ...setting, isSet: setting.value !== null } : { key, value: null, isSet: false };
});
