import type { IExecuteFunctions } from 'n8n-workflow';

import { sendInWorkingForm } from '../../../../shared/dialect/enums';
import { ip1ApiRequest } from '../../../../shared/transport';
import type { PlannedRequest } from '../2-plan/requests';
import { withDeliveryReportSecret } from './deliveryReportUrl';
import { wireBody } from './wireBody';

/** A request iP.1 took, with its answer (read by 3-send/sentBatch.ts). */
export interface PostedBatch {
	request: PlannedRequest;
	body: unknown;
	/**
	 * Taken without an answer of this try's: found by its reference after an unclear answer
	 * (`lookup`), or sent by an earlier try of this run (`earlierTry`); the batch id when known.
	 */
	found?: { by: 'lookup' | 'earlierTry'; batchId?: string };
}

export function unclearSendHint(reference: string): string {
	return (
		`iP.1 may or may not have accepted this SMS batch (reference "${reference}"). It was NOT sent again, so that no ` +
		`recipient gets it twice. Look for the batch with Batch → Get Many (reference "${reference}") before sending again.`
	);
}

/**
 * Sends one batch, never twice (`retry: 'send'`; a 400 refusal may be repeated once with its enums
 * in the other documented form, see shared/dialect/enums.ts). What the batch became is learnt from the
 * answer afterwards (3-send/sentBatch.ts).
 */
export async function postBatch(context: IExecuteFunctions, request: PlannedRequest): Promise<PostedBatch> {
	const onTheWire = await withDeliveryReportSecret(context, request);
	const body = await sendInWorkingForm(context, wireBody(onTheWire), async (wire) =>
		await ip1ApiRequest.call(context, {
			method: 'POST',
			path: '/v2/batches',
			body: wire,
			retry: 'send',
			itemIndex: request.itemIndex,
			unclearOutcomeHint: unclearSendHint(request.reference),
		}),
	);
	return { request, body };
}
