import { NodeApiError, NodeOperationError, type JsonObject } from 'n8n-workflow';

import { asNodeError } from './errors/apiErrors';
import { answeredWith } from './dialect/errorBody';
import { deleteSetting, getSetting, putSetting } from './dialect/settings';
import { scrubUrls } from './redaction';
import { isPlainObject, parseUrl } from './values';
import type { Ip1Context } from './transport';

/**
 * The account-wide setting iP.1 posts inbound SMS to (API fact sheet §7, §10): the trigger takes it over,
 * Send and Wait checks that replies can reach n8n. Its settings path and PUT body: dialect/settings.ts.
 */
export const CALLBACK_SETTING = 'IncomingCallbackUrl';

/** The current IncomingCallbackUrl, or null when it is not set (404, or an empty value). */
export async function readCallbackUrl(context: Ip1Context, itemIndex?: number): Promise<string | null> {
	try {
		const { value } = await getSetting(context, CALLBACK_SETTING, itemIndex);
		// As the API holds it (a restore puts back exactly that); empty counts as not set.
		return typeof value === 'string' && value.trim() !== '' ? value : null;
	} catch (error) {
		if (answeredWith(error, '404')) return null;
		throw asNodeError(context.getNode(), error);
	}
}

/*
 * "Questions may wait": a mark in the callback URL (`?secret=…&ip1Questions=2027-01-07`) tells the trigger,
 * without reading the API, whether any Send and Wait question can still be answered (docs/twoway.md).
 * Send and Wait moves it forward before it asks (at most daily per account); the trigger registers its URL
 * with the mark it finds, or `none`. Without it (a URL someone else wrote) every inbound SMS is looked up.
 */
const QUESTIONS_PARAMETER = 'ip1Questions';
const NO_QUESTIONS = 'none';
const DAY_MS = 24 * 3600 * 1000;

/** `none` (no question can wait), the last UTC day (since 1970) a reply may reach a question, or `unknown`. */
export type QuestionsMark = 'none' | 'unknown' | number;

export function questionsMarkOf(url: string): QuestionsMark {
	return questionsMarkFrom(parseUrl(url)?.searchParams.get(QUESTIONS_PARAMETER));
}

/** The mark of the URL a webhook call came to, from its parsed query (the request's `query`). */
export function questionsMarkOfQuery(query: unknown): QuestionsMark {
	return questionsMarkFrom(isPlainObject(query) ? query[QUESTIONS_PARAMETER] : undefined);
}

function questionsMarkFrom(value: unknown): QuestionsMark {
	if (value === NO_QUESTIONS) return 'none';
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'unknown';
	const time = Date.parse(`${value}T00:00:00Z`);
	return Number.isNaN(time) ? 'unknown' : Math.floor(time / DAY_MS);
}

export function questionMayWait(mark: QuestionsMark, receivedAt: number): boolean {
	return mark === 'unknown' || (mark !== 'none' && Math.floor(receivedAt / DAY_MS) <= mark);
}

/** `url` with its mark set to `mark` (replacing any), the rest of the URL as it was. */
export function withQuestionsMark(url: string, mark: 'none' | number): string {
	const value = mark === 'none' ? NO_QUESTIONS : new Date(mark * DAY_MS).toISOString().slice(0, 10);
	const bare = withoutQuestionsMark(url);
	const separator = bare.includes('?') ? '&' : '?';
	return `${bare}${separator}${QUESTIONS_PARAMETER}=${value}`;
}

/** `url` without the mark: what the trigger compares when it checks that the setting is still its own. */
export function withoutQuestionsMark(url: string): string {
	return url.replace(new RegExp(`([?&])${QUESTIONS_PARAMETER}=[^&#]*(&|(?=#)|$)`), (_, lead: string, tail: string) => (tail === '&' ? lead : ''));
}

/** The mark a question asked at `now` needs: its reach, and a day for clocks and for two processes moving it at once. */
export function markNeededAt(now: number, reachMs: number): number {
	return Math.floor((now + reachMs) / DAY_MS) + 1;
}

/** Sets the callback URL. An API error that quotes it (a validation message, say) is shown with its secrets masked. */
export async function writeCallbackUrl(context: Ip1Context, url: string, itemIndex?: number): Promise<void> {
	try {
		await putSetting(context, CALLBACK_SETTING, url, itemIndex);
	} catch (error) {
		throw withoutUrl(context, error, url);
	}
}

/** The error with `url` (our secret, or another system's token) masked; rebuilt, as n8n also serialises its response. */
function withoutUrl(context: Ip1Context, error: unknown, url: string): NodeApiError | NodeOperationError {
	const nodeError = asNodeError(context.getNode(), error);
	const scrub = (text: unknown) => (typeof text === 'string' ? scrubUrls(text, [url, withoutQuestionsMark(url)]) : undefined);
	const message = scrub(nodeError.message) ?? 'iP.1 refused the callback URL';
	const description = scrub(nodeError.description);
	if (!(nodeError instanceof NodeApiError)) {
		return new NodeOperationError(context.getNode(), message, { description });
	}
	const response = nodeError.errorResponse as JsonObject | undefined;
	const details = Array.isArray(response?.details) ? response.details.map((detail) => scrub(detail) ?? '') : [];
	return new NodeApiError(context.getNode(), { status: response?.status ?? null, message, details } as JsonObject, {
		message,
		description,
		httpCode: nodeError.httpCode ?? undefined,
	});
}

/** Removes the setting (iP.1 then stops posting inbound SMS). Already gone counts as done. */
export async function removeCallbackUrl(context: Ip1Context): Promise<void> {
	try {
		await deleteSetting(context, CALLBACK_SETTING);
	} catch (error) {
		if (answeredWith(error, '404')) return;
		throw asNodeError(context.getNode(), error);
	}
}
