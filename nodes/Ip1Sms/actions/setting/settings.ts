import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../../shared/errors/inputErrors';
import { isAbsoluteHttpUrl } from '../../../shared/values';
import { idReader, matching, REQUIRED, type IdRule } from '../common/ids';
import { getParameter, parameter } from '../common/parameters';

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

const SETTING_VALUE = parameter<unknown>(settingValueField, '');

const SETTING_KEY_RULE: IdRule = {
	field: 'Setting',
	problem: matching(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'must be a setting name (letters and digits, such as IncomingCallbackUrl)', REQUIRED),
	// The settings page documents exactly one so far.
	fix: "Enter the setting's name. Documented settings: IncomingCallbackUrl.",
};

/** An absent key reads as '' (not the field's default): it is refused, never guessed. */
export const readSettingKey = idReader(settingKeyField, SETTING_KEY_RULE);

/** The value to set, checked before any request (IncomingCallbackUrl must be an absolute http(s) URL). */
export function readSettingValue(context: IExecuteFunctions, itemIndex: number, key: string): string {
	const value = String(getParameter(context, SETTING_VALUE, itemIndex) ?? '').trim();
	const problem = (rule: string, fix: string, shown?: string) =>
		inputError(context.getNode(), itemIndex, { field: 'Value', rule, value: shown, fix });
	if (value === '') {
		const fix = 'Enter the value. To go back to the default (or switch the feature off), use Setting → Delete.';
		throw problem('is empty', fix);
	}
	if (key.toLowerCase() === 'incomingcallbackurl' && !isAbsoluteHttpUrl(value)) {
		throw problem(
			'must be an absolute http(s) URL for IncomingCallbackUrl',
			'Enter the full address that should receive incoming SMS, such as https://example.com/webhook/sms (an iP.1 SMS Trigger shows its own).',
			value,
		);
	}
	return value;
}
