import type { IDataObject } from 'n8n-workflow';

import { redactUrl } from '../shared/redaction';

/** Fields whose value is a URL: a secret in their query is masked (deliveryReportUrl, callbackUrl, link, …). */
const URL_FIELD = /(url|uri|link|href)$/i;

/**
 * The output item with the secret that opened the webhook masked wherever the payload carries it
 * back (a report that echoes its batch's deliveryReportUrl, say), and with secret-looking query
 * values of URL fields masked. Free text such as the SMS body stays as sent, except for that exact
 * secret.
 */
export function withoutSecrets(json: IDataObject, secret: string): IDataObject {
	return maskValue(json, secret, false) as IDataObject;
}

function maskValue(value: unknown, secret: string, isUrlField: boolean): unknown {
	if (typeof value === 'string') {
		const shown = isUrlField && /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? redactUrl(value) : value;
		return secret.length >= 4 ? shown.split(secret).join('…') : shown;
	}
	if (Array.isArray(value)) return value.map((entry) => maskValue(entry, secret, isUrlField));
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value as IDataObject).map(([key, entry]) => [key, maskValue(entry, secret, URL_FIELD.test(key))]),
		);
	}
	return value;
}
