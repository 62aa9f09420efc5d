import { batchDocument, batchMessages, messageDocument } from '../documents';
import { countSegments, nonGsmCharacters, smallestDatacoding } from '../gsm';
import { newObjectId } from '../ids';
import { ProblemError, conflict, notFound } from '../problems';
import type { RouteContext, RouteDef, RouteResult } from '../router';
import { roundMoney, type Account, type BatchRecord, type MessageRecord } from '../state';
import { knownPlaceholders, substitute } from '../templating';
import { validateSendRequest } from '../validation';
import { json, paged } from './common';

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

function send(ctx: RouteContext): RouteResult {
	const request = validateSendRequest(ctx.body);
	const { account, core } = ctx;

	const known = knownPlaceholders(
		request.recipients.map((r) => r.values),
		request.defaults,
	);
	const texts = request.recipients.map((r) =>
		request.templated ? substitute(request.body, r.values ?? {}, request.defaults, known) : request.body,
	);

	// With gsm the whole request is refused rather than single messages (ambiguity 5).
	if (request.datacoding === 'gsm') {
		const bad = new Set<string>();
		for (const text of texts) for (const char of nonGsmCharacters(text)) bad.add(char);
		if (bad.size > 0) {
			const list = Array.from(bad, (c) => JSON.stringify(c)).join(', ');
			throw new ProblemError(400, undefined, {
				body: [`datacoding 'gsm' cannot encode these characters: ${list}. Use datacoding 'ucs' or remove them.`],
			});
		}
	}

	const createdMs = core.nowMs();
	const created = core.nowIso();
	const batch: BatchRecord = {
		id: newObjectId(createdMs),
		sender: request.sender,
		body: request.body,
		owner: account.id,
		direction: 'mt',
		type: request.type,
		datacoding: 'gsm',
		priority: request.priority,
		templated: request.templated,
		deliveryWindows: request.deliveryWindows,
		deliveryReportUrl: request.deliveryReportUrl,
		reference: request.reference,
		tags: [...request.tags],
		created,
		messageIds: [],
	};
	const perSegment = PRICE_PER_SEGMENT + (request.priority === 2 ? PRIORITY_SURCHARGE_PER_SEGMENT : 0);
	const messages: MessageRecord[] = request.recipients.map((recipient, index) => {
		const text = texts[index];
		const datacoding = request.datacoding === 'gsm' ? 'gsm' : smallestDatacoding(text);
		const segments = countSegments(text, datacoding);
		return {
			id: newObjectId(createdMs),
			batchId: batch.id,
			owner: account.id,
			sender: request.sender,
			recipient: recipient.msisdn,
			body: text,
			direction: 'mt',
			segments,
			type: request.type,
			datacoding,
			priority: request.priority,
			price: roundMoney(segments * perSegment),
			statuses: [{ created, code: 101, duration: 0 }],
			modified: created,
			reference: request.reference,
			mcc: MCC,
			mnc: MNC,
		};
	});
	// The batch advertises the largest coding any of its messages needs.
	batch.datacoding = messages.some((m) => m.datacoding === 'ucs') ? 'ucs' : 'gsm';

	account.batches.set(batch.id, batch);
	let total = 0;
	const senderRegistered = account.senders.has(request.sender);
	for (const msg of messages) {
		batch.messageIds.push(msg.id);
		account.messages.set(msg.id, msg);
		total += msg.price ?? 0;
		const rejection = !senderRegistered ? 403 : account.blacklist.has(msg.recipient) ? 405 : null;
		core.lifecycle.plan(account, batch, msg, createdMs, rejection);
	}
	account.balance = roundMoney(account.balance - total);

	const style = core.options.enumStyle;
	if (core.options.batchResponseShape === 'batch') return json(201, batchDocument(batch, account, style, true));
	return json(
		201,
		messages.map((m) => messageDocument(m, account, style, 'full')),
	);
}

function visibleBatches(account: Account): BatchRecord[] {
	return Array.from(account.batches.values());
}

export const batchRoutes: RouteDef[] = [
	{
		pattern: '/v2/batches',
		handlers: {
			POST: send,
			GET: (ctx) =>
				paged(ctx, visibleBatches(ctx.account), (b) => batchDocument(b, ctx.account, ctx.core.options.enumStyle, false)),
		},
	},
	{
		pattern: '/v2/batches/:batchId',
		handlers: {
			GET: (ctx) => json(200, batchDocument(findBatch(ctx), ctx.account, ctx.core.options.enumStyle, true)),
			DELETE: (ctx) => {
				const batch = findBatch(ctx);
				const canceled = ctx.core.lifecycle.cancel(ctx.account, batch, ctx.core.nowMs());
				if (canceled === 0) throw conflict(`Batch '${batch.id}' has no message left to cancel: all are in a final state.`);
				return json(200, batchDocument(batch, ctx.account, ctx.core.options.enumStyle, true));
			},
		},
	},
	{
		pattern: '/v2/batches/:batchId/messages',
		handlers: {
			GET: (ctx) => {
				const batch = findBatch(ctx);
				const style = ctx.core.options.enumStyle;
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
				return json(200, messageDocument(msg, ctx.account, ctx.core.options.enumStyle, 'full'));
			},
		},
	},
];
