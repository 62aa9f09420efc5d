import { createHmac } from 'crypto';

import { parseUrl } from './values';

/*
 * The URLs of the iP.1 SMS Trigger, as both nodes read them: `<n8n>/webhook/<webhook ID>/ip1sms` (or
 * `/webhook-test/`), and a caller proves itself with `?secret=`. For delivery reports that secret is derived
 * from the API token and the webhook ID, so the Send node, given the plain URL and the same credential, adds
 * it at send time: the secret is never a parameter, so it never lands in a workflow or an execution.
 */

/** The last path segment of the trigger's webhook URLs. Stable, documented. */
export const TRIGGER_WEBHOOK_PATH = 'ip1sms';

/** Name of the query parameter that carries the secret on every URL the trigger accepts. */
export const SECRET_PARAMETER = 'secret';

/** Versioned, so that a future change of the scheme cannot collide with secrets in use. */
const DELIVERY_REPORT_LABEL = 'n8n-nodes-ip1sms/delivery-report-secret/v1';

/**
 * The delivery-report secret of the trigger with this webhook ID (Production and Test URL alike):
 * HMAC-SHA256 keyed by the API token, whose holder can already read every report in iP.1.
 */
export function deriveDeliveryReportSecret(apiToken: string, webhookId: string): string {
	return createHmac('sha256', apiToken).update(JSON.stringify([DELIVERY_REPORT_LABEL, webhookId]), 'utf8').digest('base64url');
}

/** `https://n8n.example.com/webhook/…/ip1sms` + secret → the URL with `?secret=` (or `&secret=`). */
export function withSecret(webhookUrl: string, secret: string): string {
	const separator = webhookUrl.includes('?') ? '&' : '?';
	return `${webhookUrl}${separator}${SECRET_PARAMETER}=${encodeURIComponent(secret)}`;
}

/** The webhook ID of a trigger URL without a secret yet (any mode, host or webhook prefix), else undefined. */
export function plainTriggerWebhookId(url: string): string | undefined {
	const parsed = parseUrl(url);
	if (!parsed || parsed.searchParams.has(SECRET_PARAMETER)) return undefined;
	const match = new RegExp(`/([^/]+)/${TRIGGER_WEBHOOK_PATH}/?$`).exec(parsed.pathname);
	return match ? decodeURIComponent(match[1]) : undefined;
}

/** Whether `url` is a webhook URL of an iP.1 SMS Trigger (any mode, any host, with or without its query). */
export function isTriggerUrl(url: string): boolean {
	return parseUrl(url)?.pathname.replace(/\/+$/, '').endsWith(`/${TRIGGER_WEBHOOK_PATH}`) === true;
}
