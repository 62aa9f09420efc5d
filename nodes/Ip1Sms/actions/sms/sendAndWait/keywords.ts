/**
 * Approval keywords: a reply approves or declines when, stripped of case, accents' case, spaces and
 * punctuation around it, it equals one of the keywords ("ja", " JA! ", "Ja." all approve). Anything
 * longer ("ja men inte idag") is no keyword: the recipient is asked again rather than guessed at.
 */
export type Verdict = 'approve' | 'decline' | 'other';

export interface Keywords {
	approve: string[];
	decline: string[];
}

/** "YES, JA, y" → ['yes', 'ja', 'y']: comma, semicolon or newline separated, normalised, each once. */
export function parseKeywords(raw: unknown): string[] {
	const list = Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[,;\n]/);
	const words = list.map(normaliseReply).filter((word) => word !== '');
	return [...new Set(words)];
}

export function normaliseReply(text: string): string {
	return text
		.normalize('NFC')
		.toLocaleLowerCase('sv')
		.replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '')
		.replace(/\s+/g, ' ');
}

/** Keywords that appear in both lists (refused before sending: a reply could not be read). */
export function overlapping(keywords: Keywords): string[] {
	return keywords.approve.filter((word) => keywords.decline.includes(word));
}

export function verdictOf(reply: string, keywords: Keywords): Verdict {
	const word = normaliseReply(reply);
	if (keywords.approve.includes(word)) return 'approve';
	if (keywords.decline.includes(word)) return 'decline';
	return 'other';
}
