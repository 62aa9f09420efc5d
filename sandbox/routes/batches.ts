import { batchDocument, batchMessages, messageDocument } from '../documents';
import { countSegments, nonGsmCharacters, smallestDatacoding, type Datacoding } from '../gsm';
import { newObjectId } from '../ids';
import { ProblemError, conflict, notFound } from '../problems';
import type { RouteContext, RouteDef, RouteResult } from '../router';
import { roundMoney, type Account, type BatchRecord, type MessageRecord } from '../state';
import { knownPlaceholders, substitute } from '../templating';
import type { MessageDocument } from '../types';
import { MAX_BODY_LENGTH, validateSendRequest, type SendRequest } from '../validation';
import { deleted, json, paged } from './common';

const PRICE_PER_SEGMENT = 0.0416;
const PRIORITY_SURCHARGE_PER_SEGMENT = 0.01;
/** Sweden / Telia: the sandbox pretends every recipient is on one network. */
const MCC = '240';
const MNC = '01';

function findBatch(ctx: RouteContext): BatchRecord {
	const batch = ctx.account.batches.get(ctx.params.batchId);
	if (!batch) throw notFound(`Batch '${ctx.params.batchId}' was not found.`);
	return batch;
}

/** Unregistered sender under senderRegistration 'request': refused before anything is created (ambiguity 9). */
function checkSender(ctx: RouteContext, request: SendRequest): void {
	if (ctx.core.variants.senderRegistration === 'request' && !ctx.account.senders.has(request.sender)) {
		throw new ProblemError(400, undefined, { sender: [`Sender "${request.sender}" is not registered on this account.`] });
	}
}

function substitutedTexts(request: SendRequest): string[] {
	const known = knownPlaceholders(
		request.recipients.map((r) => r.values),
		request.defaults,
	);
	return request.recipients.map((r) => (request.templated ? substitute(request.body, r.values ?? {}, request.defaults, known) : request.body));
}

/** Checks that need the final texts: the length (bodyLimit 'substituted') and GSM encodability. */
function checkTexts(ctx: RouteContext, request: SendRequest, texts: string[]): void {
	const variants = ctx.core.variants;
	if (variants.bodyLimit === 'substituted') {
		const tooLong = request.recipients.flatMap((r, index) => (texts[index].length > MAX_BODY_LENGTH ? [`${r.msisdn} (${texts[index].length})`] : []));
		if (tooLong.length > 0) {
			throw new ProblemError(400, undefined, {
				body: [`Each text must be at most ${MAX_BODY_LENGTH} characters after templating; too long: ${tooLong.join(', ')}.`],
			});
		}
	}
	// With gsm the whole request is refused rather than single messages (ambiguity 5), unless the
	// reading rejects only the affected messages.
	if (request.datacoding !== 'gsm' || variants.gsmUnencodable === 'message') return;
	const bad = new Set<string>();
	for (const text of texts) for (const char of nonGsmCharacters(text)) bad.add(char);
	if (bad.size > 0) {
		const list = Array.from(bad, (c) => JSON.stringify(c)).join(', ');
		throw new ProblemError(400, undefined, {
			body: [`datacoding 'gsm' cannot encode these characters: ${list}. Use datacoding 'ucs' or remove them.`],
		});
	}
}

/** The smallest coding the text needs, or the requested one (gsmFittingText 'requested'). */
function messageCoding(ctx: RouteContext, request: SendRequest, text: string): Datacoding {
	if (request.datacoding === 'gsm' || ctx.core.variants.gsmFittingText === 'requested') return request.datacoding;
	return smallestDatacoding(text);
}

function newBatch(ctx: RouteContext, request: SendRequest, createdMs: number): BatchRecord {
	return {
		id: newObjectId(createdMs),
		sender: request.sender,
		body: request.body,
		owner: ctx.account.id,
		direction: 'mt',
		type: request.type,
		datacoding: request.datacoding,
		priority: request.priority,
		templated: request.templated,
		deliveryWindows: request.deliveryWindows,
		deliveryReportUrl: request.deliveryReportUrl,
		reference: request.reference,
		tags: [...request.tags],
		created: ctx.core.nowIso(),
		messageIds: [],
	};
}

function newMessages(ctx: RouteContext, request: SendRequest, batch: BatchRecord, texts: string[], createdMs: number): MessageRecord[] {
	const perSegment = PRICE_PER_SEGMENT + (request.priority === 2 ? PRIORITY_SURCHARGE_PER_SEGMENT : 0);
	return request.recipients.map((recipient, index) => {
		const text = texts[index];
		const datacoding = messageCoding(ctx, request, text);
		const segments = countSegments(text, datacoding);
		return {
			id: newObjectId(createdMs),
			batchId: batch.id,
			owner: ctx.account.id,
			sender: request.sender,
			recipient: recipient.msisdn,
			body: text,
			direction: 'mt',
			segments,
			type: request.type,
			datacoding,
			priority: request.priority,
			price: roundMoney(segments * perSegment),
			statuses: [{ created: batch.created, code: 101, duration: 0 }],
			modified: batch.created,
			reference: request.reference,
			mcc: MCC,
			mnc: MNC,
		};
	});
}

/** 403 unregistered sender, 404 text gsm cannot carry (gsmUnencodable 'message'), 405 blacklisted. */
function rejectionOf(account: Account, msg: MessageRecord): number | null {
	if (!account.senders.has(msg.sender)) return 403;
	if (msg.datacoding === 'gsm' && nonGsmCharacters(msg.body).length > 0) return 404;
	return account.blacklist.has(msg.recipient) ? 405 : null;
}

/** The answer under the sendResponse and sendStatus readings (ambiguity 1). */
function sendAnswer(ctx: RouteContext, batch: BatchRecord, messages: MessageRecord[]): RouteResult {
	const { account, core } = ctx;
	const variants = core.variants;
	const status = variants.sendStatus;
	const documents = (): MessageDocument[] => messages.map((m) => messageDocument(m, account, variants, 'full'));
	switch (variants.sendResponse) {
		case 'batch':
			return json(status, batchDocument(batch, account, variants, true));
		case 'batchWithMessages':
			return json(status, { ...batchDocument(batch, account, variants, true), messages: documents() });
		case 'idOnly':
			return json(status, { id: batch.id });
		case 'empty':
			return { status };
		default:
			return json(status, documents());
	}
}

function send(ctx: RouteContext): RouteResult {
	const { account, core } = ctx;
	const request = validateSendRequest(ctx.body, core.variants);
	checkSender(ctx, request);
	const texts = substitutedTexts(request);
	checkTexts(ctx, request, texts);

	const createdMs = core.nowMs();
	const batch = newBatch(ctx, request, createdMs);
	const messages = newMessages(ctx, request, batch, texts, createdMs);
	// The batch advertises the largest coding any of its messages needs.
	batch.datacoding = messages.some((m) => m.datacoding === 'ucs') ? 'ucs' : 'gsm';

	account.batches.set(batch.id, batch);
	core.holdFromLists(batch);
	let total = 0;
	for (const msg of messages) {
		core.holdFromLists(msg);
		batch.messageIds.push(msg.id);
		account.messages.set(msg.id, msg);
		total += msg.price ?? 0;
		core.lifecycle.plan(account, batch, msg, createdMs, rejectionOf(account, msg));
	}
	account.balance = roundMoney(account.balance - total);
	return sendAnswer(ctx, batch, messages);
}

function visibleBatches(ctx: RouteContext): BatchRecord[] {
	return Array.from(ctx.account.batches.values()).filter((batch) => ctx.core.isListed(batch));
}

export const batchRoutes: RouteDef[] = [
	{
		pattern: '/v2/batches',
		handlers: {
			POST: send,
			GET: (ctx) =>
				paged(ctx, visibleBatches(ctx), (b) => batchDocument(b, ctx.account, ctx.core.variants, false)),
		},
	},
	{
		pattern: '/v2/batches/:batchId',
		handlers: {
			GET: (ctx) => json(200, batchDocument(findBatch(ctx), ctx.account, ctx.core.variants, true)),
			DELETE: (ctx) => {
				const batch = findBatch(ctx);
				const canceled = ctx.core.lifecycle.cancel(ctx.account, batch, ctx.core.nowMs());
				if (canceled === 0) throw conflict(`Batch '${batch.id}' has no message left to cancel: all are in a final state.`);
				const document = batchDocument(batch, ctx.account, ctx.core.variants, true);
				return deleted(ctx, json(200, document), document);
			},
		},
	},
	{
		pattern: '/v2/batches/:batchId/messages',
		handlers: {
			GET: (ctx) => {
				const batch = findBatch(ctx);
				const style = ctx.core.variants;
				return paged(ctx, batchMessages(batch, ctx.account), (m) => messageDocument(m, ctx.account, style, 'latest'));
			},
		},
	},
	{
		pattern: '/v2/batches/:batchId/messages/:messageId',
		handlers: {
			GET: (ctx) => {
				const batch = findBatch(ctx);
				const msg = ctx.account.messages.get(ctx.params.messageId);
				if (!msg || msg.batchId !== batch.id) throw notFound(`Message '${ctx.params.messageId}' was not found in batch '${batch.id}'.`);
				return json(200, messageDocument(msg, ctx.account, ctx.core.variants, 'full'));
			},
		},
	},
];
