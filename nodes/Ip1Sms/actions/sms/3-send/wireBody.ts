import type { IDataObject } from 'n8n-workflow';

import type { Priority } from '../1-read/settings';
import type { PlannedRequest } from '../2-plan/requests';

const WIRE_PRIORITY: Record<Priority, number> = { normal: 1, high: 2 };

/**
 * The JSON body of POST /v2/batches, `type` and `datacoding` as lowercase strings: the dialect
 * (shared/dialect/enums.ts) writes them in the form the API takes. `priority` is an integer in both.
 */
export function wireBody(request: PlannedRequest): IDataObject {
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
