import { createHash, createHmac, timingSafeEqual } from 'crypto';

import { SECRET_PARAMETER, withSecret } from '../shared/triggerUrls';

export { SECRET_PARAMETER, withSecret };

/** A Delivery Report Secret (the optional one of older URLs) shorter than this is refused. */
export const MIN_SECRET_LENGTH = 16;

/** Who the inbound secret belongs to: one trigger node of one workflow, in one mode. */
export interface InboundSecretScope {
	test: boolean;
	workflowId: string;
	nodeId: string;
	webhookId: string;
}

/** Versioned, so that a future change of the scheme cannot collide with secrets already registered. */
const DERIVATION_LABEL = 'n8n-nodes-ip1sms/inbound-callback-secret/v1';

/**
 * The inbound secret, recomputable wherever the credential is available: HMAC-SHA256 keyed by the
 * API token over the trigger's identity, so the webhook needs no static data to check a callback
 * (n8n saves static data only after activation completes, and iP.1 may call before that). Only the
 * holder of the API token can compute it, and that holder can already change the callback URL.
 */
export function deriveInboundSecret(apiToken: string, scope: InboundSecretScope): string {
	const identity = JSON.stringify([
		DERIVATION_LABEL,
		scope.test ? 'test' : 'production',
		scope.workflowId,
		scope.nodeId,
		scope.webhookId,
	]);
	return createHmac('sha256', apiToken).update(identity, 'utf8').digest('base64url');
}

/** What static data keeps of a registered secret: enough to recognise it, useless to present it. */
export function secretFingerprint(secret: string): string {
	return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

/**
 * Constant-time comparison. Both sides are hashed first so that timingSafeEqual always compares
 * equal lengths and the length of the expected secret does not leak either.
 */
export function secretsMatch(presented: string, expected: string): boolean {
	if (expected === '') return false;
	const a = createHash('sha256').update(presented, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b);
}

/** Constant-time check of a presented secret against a stored fingerprint. */
export function matchesFingerprint(presented: string, fingerprint: string): boolean {
	const a = createHash('sha256').update(presented, 'utf8').digest();
	const b = Buffer.from(fingerprint, 'base64url');
	return b.length === a.length && timingSafeEqual(a, b);
}

/** The secret of a request's query (`?secret=`); a repeated parameter is ambiguous and counts as none. */
export function presentedSecret(query: unknown): string | undefined {
	if (!query || typeof query !== 'object') return undefined;
	const value = (query as Record<string, unknown>)[SECRET_PARAMETER];
	return typeof value === 'string' ? value : undefined;
}

/** The secret of a URL built by withSecret(webhookUrl, …), or undefined when `url` is not one. */
export function secretOfUrl(url: string, webhookUrl: string): string | undefined {
	const prefix = withSecret(webhookUrl, '');
	if (!url.startsWith(prefix)) return undefined;
	const encoded = url.slice(prefix.length);
	if (encoded === '' || /[&#]/.test(encoded)) return undefined;
	try {
		return decodeURIComponent(encoded);
	} catch {
		return undefined;
	}
}
