import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sendInWorkingForm } from '../../../../shared/dialect/enums';
import { ip1ApiRequest } from '../../../../shared/transport';
import { CREDENTIAL_TYPE } from '../../../../shared/transport/context';
import { deriveDeliveryReportSecret, plainTriggerWebhookId, withSecret } from '../../../../shared/triggerUrls';
import type { Priority } from '../1-read/settings';
import type { PlannedRequest } from '../2-plan/requests';

/** A request iP.1 took, with its answer (read by 3-send/sentBatch.ts). */
export interface PostedBatch {
	request: PlannedRequest;
	body: unknown;
	/** Taken without this try's answer: found by reference after an unclear one, or sent by an earlier try. */
	found?: { by: 'lookup' | 'earlierTry'; batchId?: string };
}

const WIRE_PRIORITY: Record<Priority, number> = { normal: 1, high: 2 };

/**
 * Sends one batch, never twice (`retry: 'send'`; a 400 refusal may be repeated once with its enums
 * in the other documented form, shared/dialect/enums.ts). Its answer is read by 3-send/sentBatch.ts.
 */
export async function postBatch(context: IExecuteFunctions, request: PlannedRequest): Promise<PostedBatch> {
	const onTheWire = await withDeliveryReportSecret(context, request);
	const { reference } = request;
	const unclearOutcomeHint =
		`iP.1 may or may not have accepted this SMS batch (reference "${reference}"). It was NOT sent again, so that no ` +
		`recipient gets it twice. Look for the batch with Batch → Get Many (reference "${reference}") before sending again.`;
	const body = await sendInWorkingForm(context, wireBody(onTheWire), async (wire) =>
		await ip1ApiRequest.call(context, {
			method: 'POST',
			path: '/v2/batches',
			body: wire,
			retry: 'send',
			itemIndex: request.itemIndex,
			unclearOutcomeHint,
		}),
	);
	return { request, body };
}

/**
 * A Delivery Report URL that is an iP.1 SMS Trigger's plain Production or Test URL gets the trigger's
 * delivery-report secret, derived from this send's credential (as the trigger derives it). Only the
 * wire body holds it: outputs and errors keep the plain URL. Any other URL is sent as given.
 */
async function withDeliveryReportSecret(context: IExecuteFunctions, request: PlannedRequest): Promise<PlannedRequest> {
	const url = request.settings.deliveryReportUrl;
	const webhookId = url ? plainTriggerWebhookId(url) : undefined;
	if (!url || !webhookId) return request;
	const credentials = await context.getCredentials(CREDENTIAL_TYPE, request.itemIndex);
	const token = typeof credentials.apiToken === 'string' ? credentials.apiToken : '';
	if (token.trim() === '') return request;
	const deliveryReportUrl = withSecret(url, deriveDeliveryReportSecret(token, webhookId));
	return { ...request, settings: { ...request.settings, deliveryReportUrl } };
}

/** The JSON body: `type` and `datacoding` lowercase (the dialect writes the API's form), `priority` an integer. */
function wireBody(request: PlannedRequest): IDataObject {
	const { settings } = request;
	const body: IDataObject = {
		sender: settings.sender,
		recipients: request.recipients as IDataObject,
		body: settings.text,
		type: settings.type,
		datacoding: request.datacoding,
		priority: WIRE_PRIORITY[settings.priority],
		reference: request.reference,
	};
	if (settings.deliveryWindows.length > 0) body.deliveryWindows = settings.deliveryWindows.map((window) => ({ ...window }));
	if (settings.deliveryReportUrl) body.deliveryReportUrl = settings.deliveryReportUrl;
	const tags = request.idempotencyTag ? [...settings.tags, request.idempotencyTag] : settings.tags;
	if (tags.length > 0) body.tags = [...tags];
	return body;
}
