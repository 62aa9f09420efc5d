import type { INode } from 'n8n-workflow';

import { WEBHOOK_PATH } from './events';

/** How the account's current IncomingCallbackUrl relates to this trigger. */
export type CallbackOwner =
	/** Not set. */
	| 'unset'
	/** This trigger's URL in the current mode (test or production), whatever its secret. */
	| 'self'
	/** This trigger's URL in the other mode: the production URL while testing, or a test URL left behind. */
	| 'sibling'
	/** Anything else: another system, or another workflow. */
	| 'foreign';

export function withoutQuery(url: string): string {
	const end = url.search(/[?#]/);
	return end < 0 ? url : url.slice(0, end);
}

function pathOf(url: string): string {
	try {
		return new URL(url).pathname.replace(/\/+$/, '');
	} catch {
		return url;
	}
}

/**
 * n8n builds webhook URLs as `<base>/<node webhook ID>/<path>` (or `<workflow ID>/<node name>/<path>`
 * for nodes without a webhook ID). Only the base differs between test and production, so the tail
 * identifies the trigger node in both modes.
 */
function nodeTail(node: INode, webhookUrl: string): string {
	if (node.webhookId) return `/${node.webhookId}/${WEBHOOK_PATH}`;
	return `/${pathOf(webhookUrl).split('/').slice(-3).join('/')}`;
}

export function callbackOwner(current: string | null, webhookUrl: string, node: INode): CallbackOwner {
	if (current === null) return 'unset';
	const base = withoutQuery(current);
	if (base === webhookUrl) return 'self';
	if (pathOf(base).endsWith(nodeTail(node, webhookUrl))) return 'sibling';
	return 'foreign';
}

/** iP.1 cannot post to a URL that only this machine can reach. */
export function isLocalOnly(url: string): boolean {
	try {
		const host = new URL(url).hostname;
		return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host) || host.endsWith('.localhost');
	} catch {
		return false;
	}
}
