import { NodeApiError, NodeOperationError, type IHookFunctions, type JsonObject } from 'n8n-workflow';

import { asNodeError } from '../shared/errors/apiErrors';
import { scrubUrls } from '../shared/redaction';
import { CALLBACK_SETTING, readCallbackUrl as readSharedCallbackUrl } from '../shared/callbackSetting';
import { deleteSetting, putSetting } from '../shared/dialect/settings';

export { CALLBACK_SETTING, settingValue } from '../shared/callbackSetting';

/** The current IncomingCallbackUrl, or null when it is not set (404, or an empty value). */
export async function readCallbackUrl(this: IHookFunctions): Promise<string | null> {
	return await readSharedCallbackUrl(this);
}

/** Sets the value. An API error that quotes it (a validation message, say) is shown with its secrets masked. */
export async function writeCallbackUrl(this: IHookFunctions, url: string): Promise<void> {
	try {
		await putSetting(this, CALLBACK_SETTING, url);
	} catch (error) {
		throw withoutSecretsOf(this, error, url);
	}
}

/**
 * The same error with `url` (our secret, or another system's token) masked in every text it
 * carries. Rebuilt rather than edited: n8n also serialises the error's response and messages.
 */
function withoutSecretsOf(context: IHookFunctions, error: unknown, url: string): NodeApiError | NodeOperationError {
	const nodeError = asNodeError(context.getNode(), error);
	const scrub = (text: unknown) => (typeof text === 'string' ? scrubUrls(text, [url]) : undefined);
	const message = scrub(nodeError.message) ?? 'iP.1 refused the callback URL';
	const description = scrub(nodeError.description);
	if (!(nodeError instanceof NodeApiError)) {
		return new NodeOperationError(context.getNode(), message, { description });
	}
	const response = nodeError.errorResponse as JsonObject | undefined;
	const details = Array.isArray(response?.details) ? response.details.map((detail) => scrub(detail) ?? '') : [];
	return new NodeApiError(context.getNode(), { status: response?.status ?? null, message, details } as JsonObject, {
		message,
		description,
		httpCode: nodeError.httpCode ?? undefined,
	});
}

/** Removes the setting (iP.1 then stops posting inbound SMS). Already gone counts as done. */
export async function removeCallbackUrl(this: IHookFunctions): Promise<void> {
	try {
		await deleteSetting(this, CALLBACK_SETTING);
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return;
		throw asNodeError(this.getNode(), error);
	}
}
