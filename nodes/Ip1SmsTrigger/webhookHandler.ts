import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { questionsMarkOfQuery } from '../shared/callbackSetting';
import { checkAndRemember } from './dedupe';
import { deliveryReportCheck } from './deliveryReportSecret';
import { derivedSecretsOf, type DerivedSecrets } from './derivedSecrets';
import { EVENT_LABELS, type TriggerEvent } from './events';
import { passesFilter } from './filters';
import { ownerOf } from './inboundSecret';
import { markOptOut, passesOptOutFilter } from './optOut';
import { withoutSecrets } from './outputSecrets';
import { deliveryReportFilterOf, eventsOf, isTestMode, optOutHandlingOf } from './parameters';
import { classifyPayload, readPayload, readUnparsedBody, type IncomingWebhookRequest } from './payload';
import { forwardToWaitingExecution } from './replyForwarding';
import { presentedSecret, secretsMatch } from './secret';
import { executionStarted, recordHanded, saveDue } from './savePacing';
import { registrationAccepts, registrationsOf } from './staticData';

/** The part of n8n's (Express) response object the trigger uses to refuse a request. */
interface WebhookResponse {
	status(code: number): WebhookResponse;
	json(body: unknown): unknown;
}

/**
 * Answers every request at once. Only a request that carries the secret of an enabled event, whose
 * body is that event, that passes the filter and that was not seen before starts the workflow; n8n
 * then answers 200 `{ received: true, started: true }` (responseMode onReceived, responseData in the
 * node description). Anything else is answered here and starts nothing:
 * - 401: no secret, or a wrong one (nothing about the body is revealed);
 * - 400: malformed body (not JSON, not an object, no id, unknown shape, or the other kind of event):
 *   iP.1 retries non-200 answers, which is harmless here and lets a body that was cut off in
 *   transit arrive whole on a later attempt; the log line says what was wrong;
 * - 200 with `started: false`: filtered out or already seen (a retry or a duplicate).
 */
export async function handleWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject() as unknown as IncomingWebhookRequest;
	const response = this.getResponseObject() as unknown as WebhookResponse;
	const events = eventsOf(this);
	const staticData = this.getWorkflowStaticData('node');

	const presented = presentedSecret(request.query) ?? '';
	const { channel, inbound } = await authoriseRequest(this, staticData, events, presented);
	if (!channel) {
		this.logger.warn('iP.1 SMS Trigger: refused a request without the right secret (401); no workflow started');
		return refuse(response, 401, 'Unauthorized');
	}

	await readUnparsedBody(request);
	const payload = readPayload(request);
	if (!payload.ok) return malformed(this, response, payload.problem);
	const classified = classifyPayload(payload.value);
	if (!classified.ok) return malformed(this, response, classified.problem);
	const { event, dedupeKey, json } = classified.value;
	if (event !== channel) {
		return malformed(
			this,
			response,
			`The body is ${article(event)} but it came with the secret for ${EVENT_LABELS[channel]}.`,
		);
	}

	if (event === 'deliveryReport') {
		const filter = deliveryReportFilterOf(this);
		if (!passesFilter(filter, { delivered: json.delivered === true, final: json.final === true })) {
			return accepted({ started: false, reason: `Filtered out (Delivery Reports: ${filter})` });
		}
	}

	const scope = { workflowId: this.getWorkflow().id ?? '', nodeId: this.getNode().id ?? this.getNode().name, test: isTestMode(this) };
	// A copy of static data from before the activation must not be saved over the activation's own.
	const nowMs = Date.now();
	const persist = (inbound?.staticDataCurrent ?? true) && saveDue(scope, 'webhook', nowMs);
	const { duplicate } = checkAndRemember(scope, staticData, dedupeKey, nowMs, persist);
	if (persist && !duplicate) recordHanded(scope, 'webhook', nowMs);
	if (duplicate) {
		this.logger.debug(`iP.1 SMS Trigger: ignored a repeated ${EVENT_LABELS[event]} event (${dedupeKey})`);
		return accepted({ started: false, reason: 'Already received' });
	}
	// After de-duplication: a repeated opt-out SMS is not blacklisted (nor passed on) twice.
	const optOut = event === 'inboundSms' ? optOutHandlingOf(this) : undefined;
	const item = optOut ? await markOptOut(this, json, optOut.keywords) : json;
	// A reply to an SMS → Send and Wait question resumes that execution instead (an opt-out stays one).
	if (item.event === 'inboundSms' && (await forwardToWaitingExecution(this, withoutSecrets(item, presented), questionsMarkOfQuery(request.query)))) {
		return accepted({ started: false, reason: 'Answered a waiting Send and Wait execution' });
	}
	if (optOut && !passesOptOutFilter(optOut.filter, item.event === 'optOut')) {
		return accepted({ started: false, reason: `Filtered out (Opt-Outs: ${optOut.filter})` });
	}
	executionStarted(scope, nowMs);
	return { workflowData: [[{ json: withoutSecrets(item, presented) }]] };
}

/** Which event's secret the request carries: remembered secrets first, then the credential as it is now. */
async function authoriseRequest(
	context: IWebhookFunctions,
	staticData: IDataObject,
	events: ReadonlySet<TriggerEvent>,
	presented: string,
): Promise<{ channel: TriggerEvent | undefined; inbound: InboundAuthority | undefined }> {
	if (presented === '') return { channel: undefined, inbound: undefined };
	const remembered = await derivedSecretsOf(context, events, true);
	const auth = authorise(context, staticData, events, presented, remembered.secrets);
	if (!remembered.remembered || auth.channel) return auth;
	return authorise(context, staticData, events, presented, (await derivedSecretsOf(context, events, false)).secrets);
}

type SecretCheck = (presented: string) => boolean;

/** Which event's secret the request carries, if any, and what the inbound registrations say. */
function authorise(
	context: IWebhookFunctions,
	staticData: IDataObject,
	events: ReadonlySet<TriggerEvent>,
	presented: string,
	derived: DerivedSecrets,
): { channel: TriggerEvent | undefined; inbound: InboundAuthority | undefined } {
	const inbound = events.has('inboundSms') ? inboundAuthority(context, staticData, derived.inboundSms) : undefined;
	const delivery = events.has('deliveryReport') ? deliveryReportCheck(context, derived.deliveryReport) : undefined;
	return { channel: authenticate(presented, { inboundSms: inbound?.check, deliveryReport: delivery }), inbound };
}

/** Which event's secret the request carries, if any. Every configured check runs. */
function authenticate(presented: string, checks: Record<TriggerEvent, SecretCheck | undefined>): TriggerEvent | undefined {
	let match: TriggerEvent | undefined;
	for (const event of Object.keys(checks) as TriggerEvent[]) {
		const accepts = checks[event]?.(presented) === true;
		if (accepts && !match) match = event;
	}
	return match;
}

interface InboundAuthority {
	check: SecretCheck;
	/**
	 * Whether this call's static data holds the registration now in force. n8n saves a webhook
	 * call's static data when the call ends, over whatever an activation running meanwhile saved:
	 * a copy from before that activation (no registration yet, or one with the secret of an older
	 * API key) would wipe the record of what to restore on deactivation, so it is not written.
	 */
	staticDataCurrent: boolean;
}

/**
 * The inbound secret is derived from the credential (`derived`, undefined when the credential could
 * not be read), so it is known from the first callback on, even before n8n has saved the static data
 * of the activation. The secret a registration in static data put in the account's setting is
 * accepted too: after a new API key, until n8n re-registers.
 */
function inboundAuthority(context: IWebhookFunctions, staticData: IDataObject, derived: string | undefined): InboundAuthority {
	const registrations = registrationsOf(staticData, ownerOf(context));
	const current = registrations.some(([, registration]) => derived !== undefined && registrationAccepts(registration, derived));
	return {
		check: (secret) => {
			let accepted = derived !== undefined && secretsMatch(secret, derived);
			for (const [, registration] of registrations) {
				accepted = registrationAccepts(registration, secret) || accepted;
			}
			return accepted;
		},
		staticDataCurrent: current,
	};
}

function article(event: TriggerEvent): string {
	return event === 'inboundSms' ? 'an inbound SMS' : 'a delivery report';
}

function refuse(response: WebhookResponse, status: number, message: string): IWebhookResponseData {
	response.status(status).json({ error: message });
	return { noWebhookResponse: true };
}

function malformed(context: IWebhookFunctions, response: WebhookResponse, problem: string): IWebhookResponseData {
	context.logger.warn(`iP.1 SMS Trigger: refused a malformed request (400); no workflow started. ${problem}`);
	return refuse(response, 400, problem);
}

/** n8n answers 200 with this body and starts nothing. */
function accepted(details: IDataObject): IWebhookResponseData {
	return { webhookResponse: { received: true, ...details } };
}
