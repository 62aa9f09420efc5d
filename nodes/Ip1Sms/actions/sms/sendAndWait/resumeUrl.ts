import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { SENT_AT_PARAM, WAIT_KIND_PARAM, type WaitKind } from '../../../../shared/waitProtocol';

/**
 * The URL that resumes this execution at this node: n8n's waiting webhook
 * `<webhook-waiting base>/<execution id>/<node id>`, which runs the node's `webhook()`.
 * - Send and Wait (operation `sendAndWait`): n8n's signed resume URL (`getSignedResumeUrl`, n8n
 *   1.1xx and 2.x); the query parameters are part of what is signed, so nobody can change them.
 * - Send and Wait for Delivery: n8n accepts signed URLs only for `sendAndWait` operations and asks
 *   every other waiting node for the execution's resume token — `$execution.resumeUrl` carries it —
 *   so that URL gets the node id as its path suffix.
 * The URL is a secret (whoever has it can answer): it goes to iP.1 as the batch's delivery-report URL
 * and nowhere else, and outputs never show it.
 */
export function resumeUrlFor(context: IExecuteFunctions, kind: WaitKind, sentAt: number, extra: Record<string, string> = {}): string {
	const query = { [WAIT_KIND_PARAM]: kind, [SENT_AT_PARAM]: String(sentAt), ...extra };
	if (kind === 'reply') {
		if (typeof context.getSignedResumeUrl !== 'function') throw unsupported(context);
		return context.getSignedResumeUrl(query);
	}
	const resumeUrl = context.evaluateExpression('{{ $execution.resumeUrl }}', 0);
	if (typeof resumeUrl !== 'string' || resumeUrl === '') throw unsupported(context);
	const url = new URL(resumeUrl);
	url.pathname = `${url.pathname.replace(/\/+$/, '')}/${encodeURIComponent(context.getNode().id)}`;
	for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
	return url.toString();
}

function unsupported(context: IExecuteFunctions): NodeOperationError {
	return new NodeOperationError(context.getNode(), 'This n8n version cannot resume a waiting execution from a signed URL', {
		description: 'Send and Wait needs an n8n version that signs resume URLs (1.123 and 2.x are tested). Nothing was sent.',
	});
}
