import { deleteSetting } from '../../../shared/dialect/settings';
import { perItem } from '../common/operation';
import { readSettingKey, settingKeyField } from './settings';

export const { description, execute } = perItem('setting', 'delete', [settingKeyField], async function (itemIndex) {
	const key = readSettingKey(this, itemIndex);
	await deleteSetting(this, key, itemIndex);
	// iP.1 then falls back to its default for the setting, or switches the feature off.
	return { key, value: null, isSet: false, deleted: true };
});
