import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../../../../shared/errors/inputErrors';
import { getParameter } from '../../common/parameters';
import { DEFAULT_APPROVE_WORDS, DEFAULT_DECLINE_WORDS, DEFAULT_RETRY_HINT, WAIT } from './fields';

/**
 * The rules a reply is judged by, fixed when the question is sent: evaluated for the question's item
 * (expressions included) and carried in its signed resume URL, which nobody can change, so the
 * waiting webhook reads them from the URL instead of re-reading parameters without the item. Only
 * what differs from the defaults is carried (the URL is also the delivery-report URL and, with Add
 * Answer Link, part of the SMS): `ip1Type=a|f` always, `ip1Yes`, `ip1No`, `ip1Hint` when changed. A
 * URL without `ip1Type` is judged by the defaults.
 */
export type ResponseType = 'approval' | 'freeText';

export interface Keywords {
	approve: string[];
	decline: string[];
}

export interface QuestionRules extends Keywords {
	responseType: ResponseType;
	/** SMS answering a reply that is no keyword; '' = none. */
	retryHint: string;
}

const TYPE_PARAM = 'ip1Type';
/** The query parameter of each rule the URL carries when it differs from the default. */
const PARAMS = { approve: 'ip1Yes', decline: 'ip1No', retryHint: 'ip1Hint' } as const;

/**
 * A reply approves or declines when, stripped of case, spaces and punctuation around it, it equals a
 * keyword ("ja", " JA! ", "Ja." all approve). Anything longer is no keyword: asked again, not guessed.
 */
function normaliseReply(text: string): string {
	return text
		.normalize('NFC')
		.toLocaleLowerCase('sv')
		.replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '')
		.replace(/\s+/g, ' ');
}

/** "YES, JA, y" → ['yes', 'ja', 'y']: comma, semicolon or newline separated, normalised, each once. */
function parseKeywords(raw: unknown): string[] {
	const list = Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[,;\n]/);
	const words = list.map(normaliseReply).filter((word) => word !== '');
	return [...new Set(words)];
}

export function verdictOf(reply: string, keywords: Keywords): 'approve' | 'decline' | 'other' {
	const word = normaliseReply(reply);
	if (keywords.approve.includes(word)) return 'approve';
	if (keywords.decline.includes(word)) return 'decline';
	return 'other';
}

const DEFAULT_RULES: QuestionRules = {
	responseType: 'approval',
	approve: parseKeywords(DEFAULT_APPROVE_WORDS),
	decline: parseKeywords(DEFAULT_DECLINE_WORDS),
	retryHint: DEFAULT_RETRY_HINT,
};

/** The question's rules, read for the first item and checked before anything is sent: both lists non-empty, none in both. */
export function questionRulesOf(context: IExecuteFunctions): QuestionRules {
	const responseType = getParameter(context, WAIT.responseType, 0) === 'freeText' ? 'freeText' : 'approval';
	const values = (getParameter(context, WAIT.approvalOptions, 0) ?? {}) as IDataObject;
	const rules: QuestionRules = {
		responseType,
		approve: parseKeywords(values.approveKeywords ?? DEFAULT_APPROVE_WORDS),
		decline: parseKeywords(values.declineKeywords ?? DEFAULT_DECLINE_WORDS),
		retryHint: String(values.retryHint ?? DEFAULT_RETRY_HINT).trim(),
	};
	if (responseType === 'freeText') return rules;
	const node = context.getNode();
	if (rules.approve.length === 0 || rules.decline.length === 0) {
		const field = rules.approve.length === 0 ? 'Approve Keywords' : 'Decline Keywords';
		throw inputError(node, 0, { field, rule: 'needs at least one keyword', fix: 'Enter the words, separated by commas (e.g. YES, JA).' });
	}
	const both = rules.approve.filter((word) => rules.decline.includes(word));
	if (both.length > 0) {
		throw inputError(node, 0, {
			field: 'Approve Keywords',
			rule: `and "Decline Keywords" both contain ${both.map((word) => `"${word}"`).join(', ')}`,
			fix: 'A keyword may approve or decline, not both: remove it from one list.',
		});
	}
	return rules;
}

/** The query parameters that carry the rules: only what differs from the defaults. */
export function rulesQuery(rules: QuestionRules): Record<string, string> {
	const query: Record<string, string> = { [TYPE_PARAM]: rules.responseType === 'freeText' ? 'f' : 'a' };
	if (rules.responseType === 'freeText') return query;
	for (const rule of ['approve', 'decline', 'retryHint'] as const) {
		const value = String(rules[rule]);
		if (value !== String(DEFAULT_RULES[rule])) query[PARAMS[rule]] = value;
	}
	return query;
}

/** The rules a resume URL's query carries; the defaults for a question sent before they were carried. */
export function rulesOfQuery(query: Record<string, unknown> | undefined): QuestionRules {
	const type = query?.[TYPE_PARAM];
	if (type !== 'a' && type !== 'f') return DEFAULT_RULES;
	if (type === 'f') return { ...DEFAULT_RULES, responseType: 'freeText' };
	const text = (key: string): string | undefined => (typeof query?.[key] === 'string' ? (query[key] as string) : undefined);
	const keywords = (rule: 'approve' | 'decline') => {
		const carried = text(PARAMS[rule]);
		return carried === undefined ? DEFAULT_RULES[rule] : parseKeywords(carried);
	};
	return {
		responseType: 'approval',
		approve: keywords('approve'),
		decline: keywords('decline'),
		retryHint: text(PARAMS.retryHint) ?? DEFAULT_RULES.retryHint,
	};
}
