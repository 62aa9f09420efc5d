import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { readCallbackUrl } from '../../../../shared/callbackSetting';
import { TRIGGER_WEBHOOK_PATH } from '../../../../shared/triggerUrls';

/** The last path segment of every iP.1 SMS Trigger webhook URL. */
const TRIGGER_PATH_END = `/${TRIGGER_WEBHOOK_PATH}`;

/**
 * Replies reach n8n only through the account's IncomingCallbackUrl, and only an active iP.1 SMS
 * Trigger (Inbound SMS) there forwards them to waiting executions (docs/twoway.md, "Routing").
 * Checked before anything is sent: with no callback at all, a reply could never arrive and the
 * execution would wait for nothing, so that is refused. A URL that is not a trigger's (another
 * system, or a proxy in front of n8n) may still forward: a warning, not a refusal.
 */
export async function checkReplyRoute(context: IExecuteFunctions): Promise<string | undefined> {
	const url = await readCallbackUrl(context, 0);
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
