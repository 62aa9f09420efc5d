import type { IDataObject, IWebhookDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { questionsMarkOfQuery } from '../shared/callbackSetting';
import { messageIdOf, normaliseDeliveryReport, normaliseMessage, readField } from '../shared/dialect/documents';
import { normaliseEnum } from '../shared/dialect/enums';
import { TRIGGER_WEBHOOK_PATH } from '../shared/triggerUrls';
import { isPlainObject } from '../shared/values';
import { checkAndRemember, seenEventsOf } from './dedupe';
import { registrationsOf } from './lifecycle';
import { markOptOut, optOutHandlingOf, passesOptOutFilter } from './optOut';
import {
	deliveryReportSecretOf,
	EVENT_LABELS,
	eventsOf,
	identityOf,
	ownerOf,
	passesFilter,
	toFilter,
	type TriggerEvent,
} from './parameters';
import { forwardToWaitingExecution } from './replyForwarding';
import { derivedSecretsOf, matchesFingerprint, presentedSecret, secretsMatch, withoutSecrets, type DerivedSecrets } from './secrets';

/** What n8n answers (200) to a callback that started the workflow. */
const STARTED_RESPONSE = '={{ ({ received: true, started: true }) }}';

/** n8n-workflow's `WEBHOOK_RESOLVERS` (n8n ≥ 2.41), by its global name: the package loads in every n8n, older ones ignore it. */
const WEBHOOK_RESOLVERS = Symbol.for('n8n.webhookDescriptionResolvers');

/**
 * The trigger's one webhook. iP.1 retries anything but 200: n8n answers at once (onReceived) with 200; without
 * `responseData` it would answer the text "firstEntryJson". n8n 2.41 runs that expression in an isolated-vm
 * sandbox per callback (~20 ms of CPU, --cpu-prof over 1,000 reports); the native resolver beside it gives the
 * same value without one, as n8n's Webhook node does (used when no parameter holds an expression; not before 2.41).
 */
export const triggerWebhook = {
	name: 'default',
	httpMethod: 'POST',
	responseMode: 'onReceived',
	responseData: STARTED_RESPONSE,
	path: TRIGGER_WEBHOOK_PATH,
	[WEBHOOK_RESOLVERS]: {
		responseData: { template: STARTED_RESPONSE, resolve: () => ({ received: true, started: true }) },
	},
} as IWebhookDescription;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** What the trigger reads of n8n's request object (an Express request with `rawBody`). */
interface IncomingWebhookRequest {
	body?: unknown;
	rawBody?: unknown;
	query?: unknown;
	/** n8n's raw-body reader (its rawBodyReader middleware): fills `rawBody` from the request stream. */
	readRawBody?: () => Promise<void>;
}

/** Version 2: n8n leaves a body it does not parse unread (iP.1's content type is undocumented): read it raw. */
async function readUnparsedBody(request: IncomingWebhookRequest): Promise<void> {
	if (request.rawBody !== undefined || typeof request.readRawBody !== 'function') return;
	if (isJsonObject(request.body) && Object.keys(request.body).length > 0) return;
	await request.readRawBody();
}

/** `dedupeKey`: same message and status (delivery report) or same message (inbound SMS); `json`: the output item. */
type ClassifiedEvent = { event: TriggerEvent; dedupeKey: string; json: IDataObject };

/** A JSON object, not the raw bytes n8n may hand over for other content types. */
function isJsonObject(value: unknown): value is IDataObject {
	return isPlainObject(value) && !Buffer.isBuffer(value);
}

function textOf(value: unknown): string | undefined {
	return typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : undefined;
}

/** The JSON object iP.1 posted: n8n parses JSON bodies; for other content types the raw bytes are parsed here. */
export function readPayload(request: IncomingWebhookRequest): Parsed<IDataObject> {
	const { body } = request;
	if (isJsonObject(body) && Object.keys(body).length > 0) return { ok: true, value: body };
	if (Array.isArray(body)) {
		return { ok: false, problem: 'The body is a JSON array; iP.1 posts one JSON object per request.' };
	}
	const text = textOf(request.rawBody) ?? textOf(body) ?? (isJsonObject(body) ? '{}' : undefined);
	if (text === undefined || text.trim() === '') return { ok: false, problem: 'The body is empty.' };
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return { ok: false, problem: 'The body is not valid JSON.' };
	}
	if (!isJsonObject(parsed)) {
		const kind = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`;
		return { ok: false, problem: `The body is JSON but ${kind}, not an object.` };
	}
	return { ok: true, value: parsed };
}

/**
 * iP.1 posts both kinds of event the same way, so the shape tells them apart:
 * - inbound SMS = a message document: `direction` "mo", or a `body` / `statuses` list and no `code`;
 * - delivery report = `code` and `id` (newer docs) or `messageId` (older docs), usually `batchId`, no `body`.
 */
export function classifyPayload(document: IDataObject): Parsed<ClassifiedEvent> {
	const direction = normaliseEnum('direction', readField(document, 'direction'));
	const hasText = readField(document, 'body') !== undefined;
	const hasStatuses = Array.isArray(readField(document, 'statuses'));
	const code = readField(document, 'code');
	const id = messageIdOf(document);

	if (direction === 'mo' || ((hasText || hasStatuses) && code === undefined)) {
		if (!id) return { ok: false, problem: 'The inbound SMS has no message id ("id").' };
		return found('inboundSms', id, id, normaliseMessage(document));
	}

	if (code !== undefined && !hasText) {
		if (!id) return { ok: false, problem: 'The delivery report has no message id ("id" or "messageId").' };
		const statusCode = typeof code === 'string' && code.trim() !== '' ? Number(code) : code;
		if (typeof statusCode !== 'number' || !Number.isInteger(statusCode)) {
			return { ok: false, problem: `The delivery report's status code is not a whole number (${JSON.stringify(code)}).` };
		}
		const report = normaliseDeliveryReport(document);
		const failed = report.final === true && report.delivered !== true;
		return found('deliveryReport', `${id}:${statusCode}`, id, report, { code: statusCode, failed });
	}

	return {
		ok: false,
		problem:
			'The body is neither an inbound SMS (direction "mo", body, statuses) nor a delivery report (code and id or messageId).',
	};
}

/** The output item: the normalised document under one `id` and `messageId`, then what the event adds. */
function found(event: TriggerEvent, key: string, id: string, fields: IDataObject, added?: IDataObject): Parsed<ClassifiedEvent> {
	return { ok: true, value: { event, dedupeKey: `${event}:${key}`, json: { event, ...fields, id, messageId: id, ...added } } };
}

/** The part of n8n's (Express) response object the trigger uses to refuse a request. */
interface WebhookResponse {
	status(code: number): WebhookResponse;
	json(body: unknown): unknown;
}

/**
 * Only the secret of an enabled event, a body of that event, passing the filter and not seen before starts the
 * workflow. Anything else starts nothing: 401 for no or a wrong secret (nothing about the body is revealed); 400
 * for a malformed body (iP.1 retries: a body cut off in transit may arrive whole later); 200 `started: false`
 * when filtered out or already seen.
 */
export async function handleWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject() as unknown as IncomingWebhookRequest;
	const response = this.getResponseObject() as unknown as WebhookResponse;
	const events = eventsOf(this);
	const staticData = this.getWorkflowStaticData('node');

	const presented = presentedSecret(request.query) ?? '';
	const { channel, staticDataCurrent } = await authorise(this, staticData, events, presented);
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
		const body = event === 'inboundSms' ? 'an inbound SMS' : 'a delivery report';
		return malformed(this, response, `The body is ${body} but it came with the secret for ${EVENT_LABELS[channel]}.`);
	}

	if (event === 'deliveryReport') {
		const filter = toFilter(this.getNodeParameter('deliveryReportFilter', 'all'));
		if (!passesFilter(filter, { delivered: json.delivered === true, final: json.final === true })) {
			return accepted({ started: false, reason: `Filtered out (Delivery Reports: ${filter})` });
		}
	}

	const scope = identityOf(this);
	const seen = seenEventsOf(scope);
	const nowMs = Date.now();
	const persist = staticDataCurrent && seen.saveDue('webhook', nowMs);
	const { duplicate } = checkAndRemember(scope, staticData, dedupeKey, nowMs, persist);
	if (persist && !duplicate) seen.recordHanded('webhook', nowMs);
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
	seen.executionStarted(nowMs);
	return { workflowData: [[{ json: withoutSecrets(item, presented) }]] };
}

type Authorisation = { channel: TriggerEvent | undefined; staticDataCurrent: boolean };

/**
 * Which event's secret the request carries (remembered derived secrets first, then the credential). Inbound SMS
 * carry the derived secret or, after a new API key until n8n re-registers, the registered one. Delivery reports
 * carry the derived one (added by the Send node) or the Delivery Report Secret of hand-built URLs. Every
 * comparison runs, so the timing does not show how many secrets are configured. `staticDataCurrent`: whether
 * this call's static data holds the inbound registration in force. n8n saves it when the call ends, over what an
 * activation meanwhile saved: an older copy would wipe the record of what to restore.
 */
async function authorise(
	context: IWebhookFunctions,
	staticData: IDataObject,
	events: ReadonlySet<TriggerEvent>,
	presented: string,
): Promise<Authorisation> {
	if (presented === '') return { channel: undefined, staticDataCurrent: true };
	const inbound = events.has('inboundSms');
	const registrations = inbound ? registrationsOf(staticData, ownerOf(context)) : [];
	const reportSecret = events.has('deliveryReport') ? deliveryReportSecretOf(context) : undefined;
	const matches = (secret: string | undefined) => secret !== undefined && secretsMatch(presented, secret);
	const check = ({ inboundSms, deliveryReport }: DerivedSecrets): Authorisation => {
		const inboundMatches = [matches(inboundSms), ...registrations.map((entry) => matchesFingerprint(presented, entry.secretSha256))];
		const reportMatches = reportSecret === undefined ? [] : [matches(reportSecret), matches(deliveryReport)];
		const current = inboundSms !== undefined && registrations.some((entry) => matchesFingerprint(inboundSms, entry.secretSha256));
		const channel = inbound && inboundMatches.includes(true) ? 'inboundSms' : reportMatches.includes(true) ? 'deliveryReport' : undefined;
		return { channel, staticDataCurrent: !inbound || current };
	};
	const remembered = await derivedSecretsOf(context, events, true);
	const auth = check(remembered.secrets);
	if (!remembered.remembered || auth.channel) return auth;
	return check((await derivedSecretsOf(context, events, false)).secrets);
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
