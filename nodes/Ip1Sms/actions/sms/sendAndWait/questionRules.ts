import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_APPROVE_WORDS, DEFAULT_DECLINE_WORDS, DEFAULT_RETRY_HINT } from './fields';
import { parseKeywords, type Keywords } from './keywords';

/**
 * The rules a reply is judged by, fixed when the question is sent: evaluated for the item the
 * question was sent for (expressions such as `={{ $json.yes }}` included) and carried in the
 * question's signed resume URL. n8n signs the URL's query, so nobody can change them, and the
 * waiting webhook reads them from the URL instead of re-reading parameters without the item.
 * Only what differs from the defaults is carried (the URL is also the batch's delivery-report URL
 * and, with Add Answer Link, part of the SMS): `ip1Type=a|f` always, `ip1Yes`, `ip1No`, `ip1Hint`
 * when changed. Every resume URL of a reply wait carries `ip1Type` (n8n signs what we built), so a
 * URL without it is judged by the defaults.
 */
export type ResponseType = 'approval' | 'freeText';

export interface QuestionRules extends Keywords {
	responseType: ResponseType;
	/** SMS answering a reply that is no keyword; '' = none. */
	retryHint: string;
}

const TYPE_PARAM = 'ip1Type';
const APPROVE_PARAM = 'ip1Yes';
const DECLINE_PARAM = 'ip1No';
const HINT_PARAM = 'ip1Hint';

export const DEFAULT_RULES: QuestionRules = {
	responseType: 'approval',
	approve: parseKeywords(DEFAULT_APPROVE_WORDS),
	decline: parseKeywords(DEFAULT_DECLINE_WORDS),
	retryHint: DEFAULT_RETRY_HINT,
};

/** The approval options as n8n holds them (`approvalOptions.values`), read into rules. */
export function rulesFromValues(responseType: ResponseType, values: IDataObject): QuestionRules {
	return {
		responseType,
		approve: parseKeywords(values.approveKeywords ?? DEFAULT_APPROVE_WORDS),
		decline: parseKeywords(values.declineKeywords ?? DEFAULT_DECLINE_WORDS),
		retryHint: String(values.retryHint ?? DEFAULT_RETRY_HINT).trim(),
	};
}

/** The query parameters that carry the rules: only what differs from the defaults. */
export function rulesQuery(rules: QuestionRules): Record<string, string> {
	const query: Record<string, string> = { [TYPE_PARAM]: rules.responseType === 'freeText' ? 'f' : 'a' };
	if (rules.responseType === 'freeText') return query;
	const words = (list: string[]) => list.join(',');
	if (words(rules.approve) !== words(DEFAULT_RULES.approve)) query[APPROVE_PARAM] = words(rules.approve);
	if (words(rules.decline) !== words(DEFAULT_RULES.decline)) query[DECLINE_PARAM] = words(rules.decline);
	if (rules.retryHint !== DEFAULT_RULES.retryHint) query[HINT_PARAM] = rules.retryHint;
	return query;
}

/** The rules a resume URL's query carries; undefined for a question sent before they were carried. */
export function rulesOfQuery(query: Record<string, unknown> | undefined): QuestionRules {
	const type = query?.[TYPE_PARAM];
	if (type !== 'a' && type !== 'f') return DEFAULT_RULES;
	if (type === 'f') return { ...DEFAULT_RULES, responseType: 'freeText' };
	const text = (key: string): string | undefined => (typeof query?.[key] === 'string' ? (query[key] as string) : undefined);
	const approve = text(APPROVE_PARAM);
	const decline = text(DECLINE_PARAM);
	return {
		responseType: 'approval',
		approve: approve === undefined ? DEFAULT_RULES.approve : parseKeywords(approve),
		decline: decline === undefined ? DEFAULT_RULES.decline : parseKeywords(decline),
		retryHint: text(HINT_PARAM) ?? DEFAULT_RULES.retryHint,
	};
}
