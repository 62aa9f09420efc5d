import { putSetting } from '../../../shared/dialect/settings';
import { perItem } from '../common/operation';
import { readSettingKey, readSettingValue, settingKeyField, settingValueField } from './settings';

const fields = [settingKeyField, settingValueField];

export const { description, execute } = perItem('setting', 'set', fields, async function (itemIndex) {
	const key = readSettingKey(this, itemIndex);
	const value = readSettingValue(this, itemIndex, key);
	// Path and body form are undocumented: the dialect (shared/dialect/settings.ts) tries each reading.
	return { ...(await putSetting(this, key, value, itemIndex)), isSet: true };
});
