import type { IWebhookFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/transport/context';
import { deriveDeliveryReportSecret } from '../shared/triggerUrls';
import type { TriggerEvent } from './events';
import { inboundSecretFromToken } from './inboundSecret';
import { isTestMode } from './parameters';

/**
 * How long the secrets derived from the credential's API token are remembered, per trigger. n8n
 * reads the credential from its database and decrypts it on every `getCredentials` call: during the
 * storm of delivery reports after a campaign that was one database read per report, beside the
 * execution's own writes. Remembered secrets are only a first try: a request that none of them
 * accepts makes the trigger read the credential again (webhookHandler.ts), so a new API key works at
 * once; the previous key's secrets are accepted for at most this long after the key changed.
 */
export const DERIVED_SECRET_MEMORY_MS = 60_000;
/** Triggers remembered at once in one process; the oldest is forgotten first. */
const MAX_REMEMBERED = 1_000;

/** Per event the trigger listens to: the secret derived from the API token, when there is one. */
export type DerivedSecrets = Partial<Record<TriggerEvent, string>>;

/** What one read gave, or the read in progress: concurrent requests of a burst share one read. */
const remembered = new Map<string, { secrets: Promise<DerivedSecrets>; atMs: number }>();

/**
 * The derived secrets of the trigger's enabled events: remembered ones when `reuse` and they are
 * fresh, else read from the credential once for all events. A credential that cannot be read (or
 * has no token) gives none, the warning says which secrets are still accepted, and nothing is
 * remembered.
 */
export async function derivedSecretsOf(
	context: IWebhookFunctions,
	events: ReadonlySet<TriggerEvent>,
	reuse: boolean,
	nowMs = Date.now(),
): Promise<{ secrets: DerivedSecrets; remembered: boolean }> {
	const key = memoryKey(context, events);
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

async function readSecrets(context: IWebhookFunctions, events: ReadonlySet<TriggerEvent>): Promise<DerivedSecrets> {
	let token = '';
	let problem: string | undefined;
	try {
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		token = typeof credentials.apiToken === 'string' ? credentials.apiToken : '';
	} catch (error) {
		problem = (error as Error).message;
	}
	// Without a token a secret would be computable from the workflow alone.
	if (problem === undefined && token.trim() === '') problem = 'The iP.1 SMS API credential has no API token';
	if (problem !== undefined) {
		if (events.has('inboundSms')) {
			context.logger.warn(
				`iP.1 SMS Trigger: could not read the iP.1 SMS API credential to check an inbound SMS (${problem}); only the secret registered with iP.1 is accepted`,
			);
		}
		if (events.has('deliveryReport')) {
			context.logger.warn(
				`iP.1 SMS Trigger: could not read the iP.1 SMS API credential to check a delivery report (${problem}); only the Delivery Report Secret is accepted`,
			);
		}
		return {};
	}
	const secrets: DerivedSecrets = {};
	if (events.has('inboundSms')) secrets.inboundSms = inboundSecretFromToken(context, token);
	const webhookId = context.getNode().webhookId ?? '';
	if (events.has('deliveryReport') && webhookId !== '') secrets.deliveryReport = deriveDeliveryReportSecret(token, webhookId);
	return secrets;
}

/** One trigger node of one workflow, in one mode, with one credential and set of events. */
function memoryKey(context: IWebhookFunctions, events: ReadonlySet<TriggerEvent>): string {
	const node = context.getNode();
	return JSON.stringify([
		isTestMode(context) ? 'test' : 'production',
		context.getWorkflow().id ?? '',
		node.id ?? node.name,
		node.webhookId ?? '',
		node.credentials?.[CREDENTIAL_TYPE]?.id ?? '',
		[...events].sort(),
	]);
}
