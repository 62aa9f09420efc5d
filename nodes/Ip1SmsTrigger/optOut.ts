import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { toMsisdn } from '../shared/phoneNumbers';
import { putOnBlacklist } from '../shared/dialect/resources';

/*
 * "Handle Opt-Out Keywords": an inbound SMS whose whole text is an opt-out keyword puts its sender on the
 * blacklist (iP.1 then refuses every SMS to that number) and starts the workflow with `event: "optOut"`.
 * Only the whole message counts: "Stop by at 3" must not cost a customer who cannot undo it by SMS.
 */

const DEFAULT_OPT_OUT_KEYWORDS = 'STOP, STOPP, AVSLUTA, UNSUBSCRIBE';

/** Which inbound SMS start the workflow when opt-outs are handled. */
type OptOutFilter = 'all' | 'optOutsOnly' | 'withoutOptOuts';

/** Punctuation and symbols a person may put around the keyword ("Stopp!", "STOP.", "«stop»"). */
const SURROUNDING = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;

/** How a message is compared: surrounding punctuation dropped, Unicode-normalised, spaces collapsed, case ignored. */
function comparable(text: string): string {
	return text.replace(SURROUNDING, '').normalize('NFKC').replace(/\s+/g, ' ').trim().toLocaleUpperCase('sv');
}

/** "STOP, stopp\nAvsluta" → ["STOP", "STOPP", "AVSLUTA"]; an empty list means the defaults. */
export function keywordsOf(value: unknown): string[] {
	const text = typeof value === 'string' && value.trim() !== '' ? value : DEFAULT_OPT_OUT_KEYWORDS;
	const keywords = text.split(/[,;\n]+/).map((keyword) => comparable(keyword)).filter(Boolean);
	return Array.from(new Set(keywords));
}

/** The keyword the whole message is (ignoring case, spaces and surrounding punctuation), if any. */
export function matchedKeyword(body: unknown, keywords: string[]): string | undefined {
	const text = typeof body === 'string' ? comparable(body) : undefined;
	return keywords.find((keyword) => keyword === text);
}

/** "Handle Opt-Out Keywords" (asked of inbound SMS only): its keywords and which SMS to pass on; undefined when off. */
export function optOutHandlingOf(context: IWebhookFunctions): { keywords: string[]; filter: OptOutFilter } | undefined {
	if (context.getNodeParameter('handleOptOut', false) !== true) return undefined;
	const filter = context.getNodeParameter('optOutFilter', 'all');
	return {
		keywords: keywordsOf(context.getNodeParameter('optOutKeywords', '')),
		filter: filter === 'optOutsOnly' || filter === 'withoutOptOuts' ? filter : 'all',
	};
}

export function passesOptOutFilter(filter: OptOutFilter, optOut: boolean): boolean {
	if (filter === 'optOutsOnly') return optOut;
	if (filter === 'withoutOptOuts') return !optOut;
	return true;
}

/**
 * An opt-out gets `event: "optOut"`, the keyword and the blacklist outcome. A failed blacklist call keeps the event
 * (`blacklisted: false` and the error), so the workflow can record the opt-out: iP.1 will not post this SMS again.
 */
export async function markOptOut(context: IWebhookFunctions, json: IDataObject, keywords: string[]): Promise<IDataObject> {
	const keyword = matchedKeyword(json.body, keywords);
	if (keyword === undefined) return json;
	const outcome = await blacklistSender(context, json.sender);
	return { ...json, event: 'optOut', optOutKeyword: keyword, ...outcome };
}

async function blacklistSender(context: IWebhookFunctions, sender: unknown): Promise<IDataObject> {
	const digits = typeof sender === 'string' || typeof sender === 'number' ? String(sender).trim().replace(/^\+/, '') : '';
	const number = /^\d+$/.test(digits) ? toMsisdn(`+${digits}`) : undefined;
	if (!number?.ok) {
		return { blacklisted: false, blacklistError: `The sender ${JSON.stringify(sender ?? null)} is not a phone number; nothing was blacklisted.` };
	}
	try {
		// As Blacklist → Add (§17.21).
		await putOnBlacklist(context, number.msisdn, undefined, 15_000);
		return { blacklisted: true, blacklistedNumber: number.msisdn };
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		context.logger.warn(`iP.1 SMS Trigger: could not blacklist an opt-out sender (${message}); the event is passed on with the error`);
		return { blacklisted: false, blacklistedNumber: number.msisdn, blacklistError: message };
	}
}
