import type { INodeProperties } from 'n8n-workflow';

export function settingKeyField(operations: string[]): INodeProperties {
	return {
		displayName: 'Setting',
		name: 'settingKey',
		type: 'string',
		required: true,
		default: 'IncomingCallbackUrl',
		placeholder: 'IncomingCallbackUrl',
		description:
			'The name of the setting. Documented: IncomingCallbackUrl (where iP.1 sends incoming SMS; an absolute http(s) URL).',
		displayOptions: { show: { resource: ['setting'], operation: operations } },
	};
}
