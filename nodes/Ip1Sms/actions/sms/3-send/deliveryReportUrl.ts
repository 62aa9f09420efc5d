import type { IExecuteFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../../../shared/transport/context';
import { deriveDeliveryReportSecret, plainTriggerWebhookId, withSecret } from '../../../../shared/triggerUrls';
import type { PlannedRequest } from '../2-plan/requests';

/**
 * The request as it goes on the wire: a Delivery Report URL that is an iP.1 SMS Trigger's plain
 * Production or Test URL gets the trigger's delivery-report secret, derived from this send's
 * credential (the trigger derives the same one from the same credential). Only the wire body holds
 * it: the planned request, and so every output and error, keeps the plain URL. Any other URL — one
 * that already carries `?secret=`, or another system's — is sent as given.
 */
export async function withDeliveryReportSecret(context: IExecuteFunctions, request: PlannedRequest): Promise<PlannedRequest> {
	const url = request.settings.deliveryReportUrl;
	const webhookId = url ? plainTriggerWebhookId(url) : undefined;
	if (!url || !webhookId) return request;
	const credentials = await context.getCredentials(CREDENTIAL_TYPE, request.itemIndex);
	const token = typeof credentials.apiToken === 'string' ? credentials.apiToken : '';
	if (token.trim() === '') return request;
	const deliveryReportUrl = withSecret(url, deriveDeliveryReportSecret(token, webhookId));
	return { ...request, settings: { ...request.settings, deliveryReportUrl } };
}
