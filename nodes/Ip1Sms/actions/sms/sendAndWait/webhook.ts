import { SEND_AND_WAIT_OPERATION, type IWebhookFunctions, type IWebhookResponseData, type IWebhookDescription } from 'n8n-workflow';

import { deliveryWebhook } from './deliveryWebhook';
import { replyWebhook } from './replyWebhook';

/**
 * The waiting webhook of both Send and Wait operations, as n8n's own Send and Wait nodes declare
 * it: `<webhook-waiting base>/<execution id>/<node id>`, GET (the answer link's page) and POST
 * (replies, answers, delivery reports), `restartWebhook` = it resumes a waiting execution.
 */
export const sendAndWaitWebhooks: IWebhookDescription[] = (['GET', 'POST'] as const).map((httpMethod) => ({
	name: 'default',
	httpMethod,
	responseMode: 'onReceived',
	responseData: '',
	path: '={{ $nodeId }}',
	restartWebhook: true,
	isFullPath: true,
}));

export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const operation = this.getNodeParameter('operation', '') as string;
	if (operation === SEND_AND_WAIT_OPERATION) return await replyWebhook.call(this);
	if (operation === 'sendAndWaitForDelivery') return await deliveryWebhook.call(this);
	return { webhookResponse: { message: 'Nothing waits here' } };
}
