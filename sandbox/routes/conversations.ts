import { countByLatest, messageDocument } from '../documents';
import type { RouteContext, RouteDef, RouteResult } from '../router';
import type { MessageRecord } from '../state';
import type { ConversationSummaryDocument } from '../types';
import { paged, json } from './common';

// A participant is on the other side of a message: the recipient of an MT, the sender of an MO.

function withParticipant(ctx: RouteContext, direction: 'mt' | 'mo' | null): MessageRecord[] {
	const participant = ctx.params.participant;
	const out: MessageRecord[] = [];
	for (const msg of ctx.account.messages.values()) {
		if (direction !== null && msg.direction !== direction) continue;
		if (!ctx.core.isListed(msg)) continue;
		const other = msg.direction === 'mt' ? msg.recipient : msg.sender;
		if (other === participant) out.push(msg);
	}
	return out;
}

function list(direction: 'mt' | 'mo' | null) {
	return (ctx: RouteContext): RouteResult => {
		const style = ctx.core.variants;
		return paged(ctx, withParticipant(ctx, direction), (m) => messageDocument(m, ctx.account, style, 'latest'));
	};
}

function summary(ctx: RouteContext): RouteResult {
	const all = withParticipant(ctx, null);
	const doc: ConversationSummaryDocument = {
		participant: ctx.params.participant,
		totalMessageCount: all.length,
		totalSmsCount: all.reduce((sum, m) => sum + m.segments, 0),
		mobileTerminatedMessages: countByLatest(all.filter((m) => m.direction === 'mt')),
		mobileOriginatedMessages: countByLatest(all.filter((m) => m.direction === 'mo')),
	};
	return json(200, doc);
}

export const conversationRoutes: RouteDef[] = [
	{ pattern: '/v2/conversations/:participant', handlers: { GET: list(null) } },
	{ pattern: '/v2/conversations/:participant/mt', handlers: { GET: list('mt') } },
	{ pattern: '/v2/conversations/:participant/mo', handlers: { GET: list('mo') } },
	{ pattern: '/v2/conversations/:participant/summary', handlers: { GET: summary } },
];
