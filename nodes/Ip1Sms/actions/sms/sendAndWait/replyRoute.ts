import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { asNodeError } from '../../../../shared/errors/apiErrors';
import { getSetting } from '../../../../shared/settingsApi';

const CALLBACK_SETTING = 'IncomingCallbackUrl';
/** The last path segment of every iP.1 SMS Trigger webhook URL (nodes/Ip1SmsTrigger/events.ts). */
const TRIGGER_PATH_END = '/ip1sms';

/**
 * Replies reach n8n only through the account's IncomingCallbackUrl, and only an active iP.1 SMS
 * Trigger (Inbound SMS) there forwards them to waiting executions (docs/twoway.md, "Routing").
 * Checked before anything is sent: with no callback at all, a reply could never arrive and the
 * execution would wait for nothing, so that is refused. A URL that is not a trigger's (another
 * system, or a proxy in front of n8n) may still forward: a warning, not a refusal.
 */
export async function checkReplyRoute(context: IExecuteFunctions): Promise<string | undefined> {
	const url = await readCallbackUrl(context);
	if (url === null) {
		throw new NodeOperationError(context.getNode(), 'No inbound SMS route: replies could not reach this workflow', {
			itemIndex: 0,
			description:
				"The iP.1 account has no IncomingCallbackUrl, so iP.1 posts replies nowhere. Activate a workflow that starts with the iP.1 SMS Trigger (Inbound SMS event) with this account's credential: it receives every inbound SMS, hands replies to waiting Send and Wait executions and starts its own workflow for all others. Nothing was sent.",
		});
	}
	let path = '';
	try {
		path = new URL(url).pathname.replace(/\/+$/, '');
	} catch {
		path = '';
	}
	if (path.endsWith(TRIGGER_PATH_END)) return undefined;
	return "The account's IncomingCallbackUrl is not an iP.1 SMS Trigger's webhook: replies reach this execution only if that system forwards them to an active iP.1 SMS Trigger (see docs/twoway.md).";
}

async function readCallbackUrl(context: IExecuteFunctions): Promise<string | null> {
	let document: unknown;
	try {
		document = await getSetting(context, CALLBACK_SETTING, 0);
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return null;
		throw asNodeError(context.getNode(), error);
	}
	return settingValue(document);
}

/** `{ value }`, `{ Value }`, a bare string or a list of `{ key, value }` (the settings readings). */
function settingValue(document: unknown): string | null {
	if (typeof document === 'string') return document.trim() === '' ? null : document.trim();
	if (Array.isArray(document)) {
		const entry = document.find((item: unknown) => {
			const record = (item ?? {}) as IDataObject;
			return (record.key ?? record.Key) === CALLBACK_SETTING;
		});
		return entry === undefined ? null : settingValue(entry);
	}
	if (!document || typeof document !== 'object') return null;
	const record = document as IDataObject;
	const value = record.value ?? record.Value ?? record[CALLBACK_SETTING];
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
