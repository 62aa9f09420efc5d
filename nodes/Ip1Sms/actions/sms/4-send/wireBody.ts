import type { IDataObject } from 'n8n-workflow';

import type { Priority, SmsType } from '../1-compose/settings';
import type { PlannedRequest } from '../3-plan/requests';
import type { Encoding } from '../gsm';

/**
 * Enum values on the wire, in the two forms iP.1 documents: the developer pages show lowercase
 * strings ("sms", "gsm"), the API portal types the fields as integers and iP.1's own sample
 * application sends integers. Which one the live API accepts is not documented, so a send tries one
 * and, when a 400 refuses it, the other (enumEncoding.ts). `priority` is an integer in both.
 * Responses are read in either form (nodes/shared/normalise.ts).
 */
export type EnumForm = 'integers' | 'strings';

export const WIRE_TYPE: Record<EnumForm, Record<SmsType, number | string>> = {
	integers: { flash: 0, sms: 1 },
	strings: { flash: 'flash', sms: 'sms' },
};
export const WIRE_DATACODING: Record<EnumForm, Record<Encoding, number | string>> = {
	integers: { gsm: 0, ucs: 2 },
	strings: { gsm: 'gsm', ucs: 'ucs' },
};
export const WIRE_PRIORITY: Record<Priority, number> = { normal: 1, high: 2 };

/** The JSON body of POST /v2/batches, its enums in the given form. */
export function wireBody(request: PlannedRequest, form: EnumForm): IDataObject {
	const { settings } = request;
	const body: IDataObject = {
		sender: settings.sender,
		recipients: request.recipients as IDataObject,
		body: settings.text,
		type: WIRE_TYPE[form][settings.type],
		datacoding: WIRE_DATACODING[form][request.datacoding],
		priority: WIRE_PRIORITY[settings.priority],
		reference: request.reference,
	};
	if (settings.deliveryWindows.length > 0) body.deliveryWindows = settings.deliveryWindows.map((window) => ({ ...window }));
	if (settings.deliveryReportUrl) body.deliveryReportUrl = settings.deliveryReportUrl;
	const tags = request.idempotencyTag ? [...settings.tags, request.idempotencyTag] : settings.tags;
	if (tags.length > 0) body.tags = [...tags];
	return body;
}
