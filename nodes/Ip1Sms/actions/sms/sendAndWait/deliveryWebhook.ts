import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { messageOf } from '../../../../shared/errors/notes';
import { readField } from '../../../../shared/normalise';
import { ip1PaginatedRequest } from '../../../../shared/transport';
import { isPlainObject } from '../../../../shared/values';
import { SENT_AT_PARAM, WAIT_ANSWER_KEY } from '../../../../shared/waitProtocol';
import { deliveryItems, deliveryState } from './deliveryOutcome';
import type { WaitRequest } from './replyWebhook';

/**
 * Send and Wait for Delivery: iP.1 posts each delivery report of the batch to the resume URL. A
 * report says how one message changed, not whether the whole batch is done, and reports may come
 * out of order or twice: so each one only prompts a read of the batch's messages, and the
 * execution resumes once every message has a final status. A failed read answers 503, which iP.1
 * retries (every 10 minutes, up to 10 times); the execution keeps waiting meanwhile.
 */
export async function deliveryWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject() as unknown as WaitRequest;
	const body = isPlainObject(request.body) ? request.body : {};
	const batchId = readField(body, 'batchId');
	if (request.method !== 'POST' || typeof batchId !== 'string' || batchId === '') {
		return { webhookResponse: { [WAIT_ANSWER_KEY]: 'waiting' } };
	}
	let messages: IDataObject[];
	try {
		({ items: messages } = await ip1PaginatedRequest.call(this, {
			path: `/v2/batches/${encodeURIComponent(batchId)}/messages`,
			returnAll: true,
		}));
	} catch (error) {
		this.logger.warn(`iP.1 SMS Send and Wait for Delivery: the batch's messages could not be read (${messageOf(error)}); still waiting`);
		const response = this.getResponseObject() as unknown as { status(code: number): { json(body: unknown): unknown } };
		response.status(503).json({ [WAIT_ANSWER_KEY]: 'waiting', error: 'The batch could not be read; send the report again later' });
		return { noWebhookResponse: true };
	}
	const state = deliveryState(messages);
	if (!state.allFinal) return { webhookResponse: { [WAIT_ANSWER_KEY]: 'waiting' } };
	const sentAt = Number(request.query?.[SENT_AT_PARAM]);
	const items = deliveryItems(state, {
		batchId,
		reference: String(readField(body, 'reference') ?? ''),
		sentAt: Number.isFinite(sentAt) && sentAt > 0 ? sentAt : Date.now(),
		endedAt: Date.now(),
		timedOut: false,
	});
	return { webhookResponse: { [WAIT_ANSWER_KEY]: 'resumed' }, workflowData: [items.map((json) => ({ json }))] };
}
