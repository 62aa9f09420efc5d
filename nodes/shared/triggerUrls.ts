import { createHmac } from 'crypto';

/*
 * The URLs of the iP.1 SMS Trigger, as both nodes read them. The trigger hands out
 * `<n8n>/webhook/<webhook ID>/ip1sms` (production) and `<n8n>/webhook-test/<webhook ID>/ip1sms`
 * (test); a caller proves itself with `?secret=`. For delivery reports that secret is derived from
 * the credential's API token and the trigger's webhook ID, so the Send node, given the trigger's
 * plain URL and the same credential, adds it itself at send time: nobody builds a secret URL by
 * hand, and the secret is never a parameter, so it never lands in a workflow or an execution.
 */

/** The last path segment of the trigger's webhook URLs. Stable, documented. */
export const TRIGGER_WEBHOOK_PATH = 'ip1sms';

/** Name of the query parameter that carries the secret on every URL the trigger accepts. */
export const SECRET_PARAMETER = 'secret';

/** Versioned, so that a future change of the scheme cannot collide with secrets in use. */
const DELIVERY_REPORT_LABEL = 'n8n-nodes-ip1sms/delivery-report-secret/v1';

/**
 * The delivery-report secret of the trigger with this webhook ID: HMAC-SHA256 keyed by the API
 * token. Only the holder of the token computes it, and that holder can already read every report
 * in iP.1. The same for the Production and the Test URL of one trigger (one webhook ID).
 */
export function deriveDeliveryReportSecret(apiToken: string, webhookId: string): string {
	return createHmac('sha256', apiToken).update(JSON.stringify([DELIVERY_REPORT_LABEL, webhookId]), 'utf8').digest('base64url');
}

/** `https://n8n.example.com/webhook/…/ip1sms` + secret → the URL with `?secret=` (or `&secret=`). */
export function withSecret(webhookUrl: string, secret: string): string {
	const separator = webhookUrl.includes('?') ? '&' : '?';
	return `${webhookUrl}${separator}${SECRET_PARAMETER}=${encodeURIComponent(secret)}`;
}

/**
 * The webhook ID of a URL of the trigger that carries no secret yet (Production or Test URL, any
 * host, any webhook prefix n8n is configured with), or undefined for any other URL.
 */
export function plainTriggerWebhookId(url: string): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return undefined;
	}
	if (parsed.searchParams.has(SECRET_PARAMETER)) return undefined;
	const match = new RegExp(`/([^/]+)/${TRIGGER_WEBHOOK_PATH}/?$`).exec(parsed.pathname);
	return match ? decodeURIComponent(match[1]) : undefined;
}

/** Whether `url` is a webhook URL of an iP.1 SMS Trigger (any mode, any host, with or without its query). */
export function isTriggerUrl(url: string): boolean {
	try {
		return new URL(url).pathname.replace(/\/+$/, '').endsWith(`/${TRIGGER_WEBHOOK_PATH}`);
	} catch {
		return false;
	}
}
