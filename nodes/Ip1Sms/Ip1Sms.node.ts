import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import * as account from './actions/account';
import * as batch from './actions/batch';
import * as blacklist from './actions/blacklist';
import * as contact from './actions/contact';
import * as conversation from './actions/conversation';
import * as label from './actions/label';
import * as landingPage from './actions/landingPage';
import * as landingPageElement from './actions/landingPageElement';
import * as message from './actions/message';
import { RESOURCE_OPTIONS } from './actions/resources';
import { router } from './actions/router';
import * as sender from './actions/sender';
import * as setting from './actions/setting';
import * as sms from './actions/sms';
import { sendAndWaitWebhook, sendAndWaitWebhooks } from './actions/sms/sendAndWait/webhook';
import * as subAccount from './actions/subAccount';
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
				// SMS first, then alphabetical: the order of the node's actions in n8n (actions/resources.ts).
				options: RESOURCE_OPTIONS,
				default: 'sms',
			},
			...account.description,
			...batch.description,
			...blacklist.description,
			...contact.description,
			...conversation.description,
			...label.description,
			...landingPage.description,
			...landingPageElement.description,
			...message.description,
			...sender.description,
			...setting.description,
			...sms.description,
			...subAccount.description,
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
