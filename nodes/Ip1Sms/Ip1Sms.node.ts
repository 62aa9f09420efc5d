import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { RESOURCE_OPTIONS } from './actions/resources';
import { resourceProperties, router } from './actions/router';
import { sendAndWaitWebhook, sendAndWaitWebhooks } from './actions/sms/sendAndWait/webhook';
import { listSearch, loadOptions } from './methods';

export class Ip1Sms implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'iP.1 SMS',
		name: 'ip1Sms',
		icon: { light: 'file:ip1sms.svg', dark: 'file:ip1sms.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send single, bulk and personalised SMS with iP.1, follow batches and delivery, and manage contacts, blacklist, senders and the account',
		defaults: { name: 'iP.1 SMS' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ip1SmsApi', required: true }],
		// The waiting webhook of SMS → Send and Wait (resumes the execution that waits for a reply).
		webhooks: sendAndWaitWebhooks,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: RESOURCE_OPTIONS,
				default: 'sms',
			},
			...resourceProperties,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await sendAndWaitWebhook.call(this);
	}
}
