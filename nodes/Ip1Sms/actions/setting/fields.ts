import type { INodeProperties } from 'n8n-workflow';

import { parameter } from '../common/parameters';

export const settingKeyField: INodeProperties = {
	displayName: 'Setting',
	name: 'settingKey',
	type: 'string',
	required: true,
	default: 'IncomingCallbackUrl',
	placeholder: 'IncomingCallbackUrl',
	description:
		'The name of the setting. Documented: IncomingCallbackUrl (where iP.1 sends incoming SMS; an absolute http(s) URL).',
};

export const settingValueField: INodeProperties = {
	displayName: 'Value',
	name: 'value',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'https://example.com/webhook/sms',
	description: 'The new value; it replaces the current one',
};

/** Read with '' when absent (not the field's default): an absent key is refused, never guessed. */
export const SETTING_KEY = parameter<unknown>(settingKeyField, '');
export const SETTING_VALUE = parameter<unknown>(settingValueField, '');
