import { randomBytes } from 'crypto';
import type { IWebhookFunctions } from 'n8n-workflow';

import { messageOf } from '../../../../shared/errors/notes';
import { ip1ApiRequest } from '../../../../shared/transport';

/**
 * "Please answer YES or NO": sent once per reply that is no keyword (the trigger forwards each
 * inbound SMS once: it drops repeats before forwarding). From the sender the question came from,
 * without `type`/`datacoding` so that the API's defaults apply under either enum reading. Its batch
 * is no wait (no `n8n-wait-` reference): the next reply still finds the question. A failure is
 * logged and the execution keeps waiting.
 */
export async function sendRetryHint(context: IWebhookFunctions, hint: { sender?: string; to: string; text: string }): Promise<void> {
	let sender = hint.sender;
	try {
		sender ??= String(context.getNodeParameter('sender', '', { extractValue: true }));
		await ip1ApiRequest.call(context, {
			method: 'POST',
			path: '/v2/batches',
			body: { sender, recipients: [hint.to], body: hint.text, reference: `n8n-hint-${randomBytes(6).toString('hex')}` },
			retry: 'send',
		});
	} catch (error) {
		context.logger.warn(`iP.1 SMS Send and Wait: the reply was no keyword and the hint SMS could not be sent (${messageOf(error)})`);
	}
}
