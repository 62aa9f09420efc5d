import { createHash, createHmac, timingSafeEqual } from 'crypto';
import { NodeOperationError, type IDataObject, type IHookFunctions, type IWebhookFunctions } from 'n8n-workflow';

import { redactUrl } from '../shared/redaction';
import { CREDENTIAL_TYPE } from '../shared/transport/context';
import { deriveDeliveryReportSecret, SECRET_PARAMETER, withSecret } from '../shared/triggerUrls';
import { isPlainObject } from '../shared/values';
import { identityOf, type TriggerEvent, type TriggerIdentity } from './parameters';

export { withSecret };

/** A Delivery Report Secret (the optional one of older URLs) shorter than this is refused. */
export const MIN_SECRET_LENGTH = 16;

/** Versioned, so that a future change of the scheme cannot collide with secrets already registered. */
const DERIVATION_LABEL = 'n8n-nodes-ip1sms/inbound-callback-secret/v1';

/**
 * HMAC-SHA256 keyed by the API token over the trigger's identity: the webhook needs no static data to check a
 * callback (n8n saves it after activation; iP.1 may call before), and only who can change the URL computes it.
 */
export function deriveInboundSecret(apiToken: string, scope: TriggerIdentity): string {
	const mode = scope.test ? 'test' : 'production';
	const identity = JSON.stringify([DERIVATION_LABEL, mode, scope.workflowId, scope.nodeId, scope.webhookId]);
	return createHmac('sha256', apiToken).update(identity, 'utf8').digest('base64url');
}

function sha256(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}

/** What static data keeps of a registered secret: enough to recognise it, useless to present it. */
export function secretFingerprint(secret: string): string {
	return sha256(secret).toString('base64url');
}

/** Constant-time; both sides are hashed first, so lengths are equal and the expected one's does not leak. */
export function secretsMatch(presented: string, expected: string): boolean {
	return expected !== '' && matchesFingerprint(presented, secretFingerprint(expected));
}

/** Constant-time check of a presented secret against a stored fingerprint. */
export function matchesFingerprint(presented: string, fingerprint: string): boolean {
	const a = sha256(presented);
	const b = Buffer.from(fingerprint, 'base64url');
	return b.length === a.length && timingSafeEqual(a, b);
}

/** The secret of a request's query (`?secret=`); a repeated parameter is ambiguous and counts as none. */
export function presentedSecret(query: unknown): string | undefined {
	const value = isPlainObject(query) ? query[SECRET_PARAMETER] : undefined;
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

/** The credential's API token; without one a secret would be computable from the workflow alone. */
async function apiTokenOf(context: IHookFunctions | IWebhookFunctions): Promise<string> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const token = typeof credentials.apiToken === 'string' ? credentials.apiToken : '';
	if (token.trim() === '') {
		throw new NodeOperationError(context.getNode(), 'The iP.1 SMS API credential has no API token', {
			description: 'Open the credential and paste an API key of your iP.1 account.',
		});
	}
	return token;
}

/** The same in create() and each webhook call: a new API key gives a new secret, which create() registers. */
export async function inboundSecretOf(context: IHookFunctions): Promise<string> {
	return deriveInboundSecret(await apiTokenOf(context), identityOf(context));
}

/**
 * How long derived secrets are remembered per trigger (every `getCredentials` reads n8n's database: once per
 * report in a storm). A request none accepts re-reads, so a new API key works at once; the old key's secrets
 * are accepted at most this long after.
 */
export const DERIVED_SECRET_MEMORY_MS = 60_000;
/** Triggers remembered at once in one process; the oldest is forgotten first. */
const MAX_REMEMBERED = 1_000;

/** Per event the trigger listens to: the secret derived from the API token, when there is one. */
export type DerivedSecrets = Partial<Record<TriggerEvent, string>>;

/** What one read gave, or the read in progress: concurrent requests of a burst share one read. */
const remembered = new Map<string, { secrets: Promise<DerivedSecrets>; atMs: number }>();

/**
 * The derived secrets of the enabled events: remembered ones when `reuse` and fresh, else read from the credential.
 * One that cannot be read (or has no token) gives none, is not remembered, and a warning says what is still accepted.
 */
export async function derivedSecretsOf(
	context: IWebhookFunctions,
	events: ReadonlySet<TriggerEvent>,
	reuse: boolean,
	nowMs = Date.now(),
): Promise<{ secrets: DerivedSecrets; remembered: boolean }> {
	// One trigger node of one workflow, in one mode, with one credential and set of events.
	const credentialId = context.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? '';
	const key = JSON.stringify([identityOf(context), credentialId, [...events].sort()]);
	const known = remembered.get(key);
	if (reuse && known && nowMs - known.atMs < DERIVED_SECRET_MEMORY_MS) return { secrets: await known.secrets, remembered: true };
	const reading = readSecrets(context, events);
	const entry = { secrets: reading, atMs: nowMs };
	remembered.delete(key);
	remembered.set(key, entry);
	if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value as string);
	const secrets = await reading;
	// Only complete answers are worth remembering: a failed read is tried again by the next request.
	if (Object.keys(secrets).length < events.size && remembered.get(key) === entry) remembered.delete(key);
	return { secrets, remembered: false };
}

/** For tests: every trigger reads its credential again on its next request. */
export function forgetDerivedSecrets(): void {
	remembered.clear();
}

/** Per event, when the credential cannot be read: what could not be checked, and which secret still opens the webhook. */
const STILL_ACCEPTED: Record<TriggerEvent, [string, string]> = {
	inboundSms: ['an inbound SMS', 'the secret registered with iP.1'],
	deliveryReport: ['a delivery report', 'the Delivery Report Secret'],
};

async function readSecrets(context: IWebhookFunctions, events: ReadonlySet<TriggerEvent>): Promise<DerivedSecrets> {
	let token: string;
	try {
		token = await apiTokenOf(context);
	} catch (error) {
		for (const [event, [checked, accepted]] of Object.entries(STILL_ACCEPTED)) {
			if (!events.has(event as TriggerEvent)) continue;
			const problem = `${checked} (${(error as Error).message}); only ${accepted} is accepted`;
			context.logger.warn(`iP.1 SMS Trigger: could not read the iP.1 SMS API credential to check ${problem}`);
		}
		return {};
	}
	const identity = identityOf(context);
	const secrets: DerivedSecrets = {};
	if (events.has('inboundSms')) secrets.inboundSms = deriveInboundSecret(token, identity);
	if (events.has('deliveryReport') && identity.webhookId !== '') {
		secrets.deliveryReport = deriveDeliveryReportSecret(token, identity.webhookId);
	}
	return secrets;
}

/** Fields whose value is a URL: a secret in their query is masked (deliveryReportUrl, callbackUrl, link, …). */
const URL_FIELD = /(url|uri|link|href)$/i;

/**
 * The output item with the secret that opened the webhook masked wherever the payload echoes it (a report's
 * deliveryReportUrl, say), and secret-looking query values of URL fields. Free text (the SMS body) stays as sent.
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
