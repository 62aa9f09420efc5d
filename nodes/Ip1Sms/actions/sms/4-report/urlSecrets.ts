import type { IDataObject, INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { maskUrlSecrets } from '../../../../shared/redaction';

/**
 * The Delivery Report URL carries the trigger's secret (`?secret=`), and n8n stores every output
 * and error of every execution. So wherever a send shows a URL — the request, the batch document
 * the API echoes, an error text — the values of secret-looking query parameters are masked. The
 * request on the wire keeps the real URL.
 */
/**
 * Keys whose strings may hold such a URL: any `…Url`, the error texts of Continue On Fail items and
 * warnings. SMS texts (`text`, `body`) and personalisation values are left as the recipients get them.
 */
const MASKED_KEY = /url$|^error$|^errorDescription$|^warnings$/i;

export function maskOutputSecrets(items: INodeExecutionData[]): INodeExecutionData[] {
	return items.map((item) => ({ ...item, json: maskDocument(item.json) as IDataObject }));
}

function maskDocument(value: unknown, sensitive = false): unknown {
	if (typeof value === 'string') return sensitive ? maskUrlSecrets(value) : value;
	if (Array.isArray(value)) return value.map((entry) => maskDocument(entry, sensitive));
	if (value === null || typeof value !== 'object') return value;
	const masked: IDataObject = {};
	for (const [key, entry] of Object.entries(value as IDataObject)) {
		masked[key] = maskDocument(entry, sensitive || MASKED_KEY.test(key)) as IDataObject[string];
	}
	return masked;
}

/** Masks every text of an error the node throws: what the UI, the execution log and the logs show. */
export function maskErrorSecrets<E extends NodeApiError | NodeOperationError>(error: E): E {
	error.message = maskUrlSecrets(error.message);
	if (typeof error.description === 'string') error.description = maskUrlSecrets(error.description);
	if (typeof error.stack === 'string') error.stack = maskUrlSecrets(error.stack);
	error.messages = error.messages.map(maskUrlSecrets);
	if (error.errorResponse) error.errorResponse = maskDocument(error.errorResponse, true) as typeof error.errorResponse;
	if (error.cause instanceof Error) error.cause.message = maskUrlSecrets(error.cause.message);
	return error;
}
