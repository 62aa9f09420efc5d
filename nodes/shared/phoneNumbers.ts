/**
 * Phone numbers as iP.1 wants them. Sending, conversations and the blacklist take MSISDN: country
 * code and number, digits only, no `+`, at most 15 digits. Contacts store E.164 with `+`.
 */
import {
	countryCodeOf,
	describeFirstDigits,
	describePlan,
	fitsPlan,
	NUMBERING_PLANS,
	planOfInternational,
	type NumberingPlan,
} from './numberingPlans';

/** `toolReason`: the reason for an AI agent, where `reason` tells the author to set an option (errors/toolErrors.ts). */
export type MsisdnResult = { ok: true; msisdn: string } | { ok: false; reason: string; toolReason?: string };

/** Separators people type inside numbers: spaces (incl. no-break), dashes, dots, slashes, square brackets. */
const SEPARATORS = /[\s\u00a0\-./[\]]/g;
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;
const NATIONAL_WITHOUT_DEFAULT =
	'is a national number (starts with 0): set "Default Country Code" (for example 46 for Sweden) or write it with its country code';
/** What an AI agent is told to do with a phone number it passed (it cannot set Default Country Code). */
export const INTERNATIONAL_FORMAT =
	'Write the number in the international format: + and the country code, then the number without its leading 0 (070 123 45 67 in Sweden is +46701234567)';
const ONLY_DIGITS = 'may only contain digits, spaces, dashes, brackets and a leading + or 00';
const LENGTH = `must have ${MIN_DIGITS} to ${MAX_DIGITS} digits including the country code`;

type Written = { ok: true; international: boolean; digits: string } | { ok: false; reason: string };

/**
 * `+46 (0)70-123 45 67`, `0046701234567`, `070 123 45 67` (default country code 46) → `46701234567`. A
 * country is never guessed: a number without `+`/`00` is read by the Default Country Code's numbering
 * plan, and refused when no reading, or more than one, fits.
 */
export function toMsisdn(raw: unknown, defaultCountryCode = ''): MsisdnResult {
	if (typeof raw !== 'string' && typeof raw !== 'number') return { ok: false, reason: 'is not a phone number' };
	const text = String(raw).trim();
	if (text === '') return { ok: false, reason: 'is empty' };
	const defaultCode = String(defaultCountryCode ?? '').replace(/[\s\-()]/g, '').replace(/^(?:\+|00)/, '');
	const written = readWritten(text, defaultCode === '1');
	if (!written.ok) return written;
	if (written.international) return checkMsisdn(written.digits, (problem) => ({ ok: false, reason: `${problem}: check it` }));
	if (defaultCode === '') return checkWithoutDefault(written.digits);
	const plan = NUMBERING_PLANS.get(defaultCode);
	if (plan === undefined) return unknownDefault(defaultCode);
	return readNational(written.digits, plan);
}

/**
 * Digits as written, and whether they start with an international prefix: `+`, `00`, or `011` where the
 * default country is in NANP (its international prefix). A `(0)` after a country code is that
 * country's trunk prefix only where the trunk prefix is 0; elsewhere (Italy: +39 (0)6…) it is a digit.
 */
function readWritten(text: string, nanpDefault: boolean): Written {
	let compact = text.replace(SEPARATORS, '');
	const code = /^(\+|00)?(\d{1,3})\(0\)/.exec(compact)?.[2];
	if (code !== undefined && countryCodeOf(code) === code) {
		const plan = NUMBERING_PLANS.get(code);
		if (plan === undefined) {
			return {
				ok: false,
				reason: `writes (0) after country code ${code}, whose trunk prefix is not known here: write the number without the (0) if it is a trunk prefix, or without the brackets if it is part of the number`,
			};
		}
		if (plan.trunkPrefixes.includes('0')) compact = compact.replace('(0)', '');
	}
	compact = compact.replace(/[()]/g, '');
	const prefix = /^(?:\+|00)/.exec(compact)?.[0] ?? (nanpDefault && compact.startsWith('011') ? '011' : '');
	const digits = compact.slice(prefix.length);
	if (!/^\d+$/.test(digits)) return { ok: false, reason: ONLY_DIGITS };
	return { ok: true, international: prefix !== '', digits };
}

/** Digits that must be an MSISDN already: its country code must exist, and its NSN fit that country's plan. */
function checkMsisdn(digits: string, refusal: (problem: string) => MsisdnResult): MsisdnResult {
	if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return { ok: false, reason: LENGTH };
	const problem = msisdnProblem(digits);
	return problem === undefined ? { ok: true, msisdn: digits } : refusal(problem);
}

/** Without a Default Country Code the number must already be an MSISDN (country code and NSN). */
function checkWithoutDefault(digits: string): MsisdnResult {
	if (digits.startsWith('0')) {
		return { ok: false, reason: NATIONAL_WITHOUT_DEFAULT, toolReason: 'is a national number (starts with 0), without its country code' };
	}
	return checkMsisdn(digits, (problem) => ({
		ok: false,
		reason: `${problem}: if it is a national number, set "Default Country Code"; otherwise check it, or write it with + and its country code`,
		toolReason: `${problem}: check it, and write it with + and its country code`,
	}));
}

/** Why `digits` cannot be a country code and NSN; undefined when they can (or the country's plan is not in the table). */
function msisdnProblem(digits: string): string | undefined {
	const code = countryCodeOf(digits);
	if (code === undefined) {
		const prefixes = [1, 2, 3].map((length) => digits.slice(0, length));
		return `does not start with a country calling code (no country has ${prefixes.slice(0, 2).join(', ')} or ${prefixes[2]})`;
	}
	const international = planOfInternational(digits);
	if (international && !fitsPlan(international.plan, international.nsn)) {
		return `does not fit country code ${describeFit(international.plan, international.nsn, false)}`;
	}
	return undefined;
}

/**
 * The plan, and the first-digit rule `nsn` broke: "46 (Sweden: 7 to 9 digits after an optional leading 0)"
 * when `national`, "20 (Egypt: 8 to 10 digits after 20; numbers of 8 digits there start with 1, 3 or 5)".
 */
function describeFit(plan: NumberingPlan, nsn: string, national: boolean): string {
	const firstDigits = describeFirstDigits(plan, nsn);
	return `${plan.code} (${describePlan(plan, national)}${firstDigits ? `; ${firstDigits}` : ''})`;
}

/** A Default Country Code without a plan in the table: only numbers written with + or 00 can be read. */
function unknownDefault(defaultCode: string): MsisdnResult {
	const what =
		countryCodeOf(defaultCode) === defaultCode
			? 'the node has no numbering plan for that country, so it cannot tell a national number from one that already has a country code'
			: 'it is not a country calling code (46 for Sweden, 1 for the USA and Canada)';
	return {
		ok: false,
		reason: `cannot be read with Default Country Code "${defaultCode}": ${what}. Write the number with + and its country code`,
	};
}

/**
 * A number without `+`/`00`, read with the default country's plan: as a national number with its trunk
 * prefix, as one without, and as a number that already starts with a country code (an MSISDN). Exactly
 * one distinct reading must fit.
 */
function readNational(digits: string, plan: NumberingPlan): MsisdnResult {
	const readings = new Map<string, string>();
	const national = `a national number of country code ${plan.code} (${plan.name})`;
	for (const trunk of plan.trunkPrefixes) {
		const nsn = digits.slice(trunk.length);
		if (digits.startsWith(trunk) && fitsPlan(plan, nsn)) readings.set(plan.code + nsn, `${national} after trunk prefix ${trunk}`);
	}
	if (fitsPlan(plan, digits) && !readings.has(plan.code + digits)) readings.set(plan.code + digits, national);
	const international = planOfInternational(digits);
	if (international && fitsPlan(international.plan, international.nsn) && !readings.has(digits)) {
		readings.set(digits, `a number that already has country code ${international.plan.code} (${international.plan.name})`);
	}
	if (readings.size === 1) return { ok: true, msisdn: [...readings.keys()][0] };
	if (readings.size > 1) {
		const listed = [...readings].map(([msisdn, reading]) => `+${msisdn} (${reading})`).join(' or ');
		return {
			ok: false,
			reason: `is ambiguous with Default Country Code ${plan.code}: it reads as ${listed}. Write it with + and the country code you mean`,
		};
	}
	const trunk = plan.trunkPrefixes.find((prefix) => digits.startsWith(prefix));
	const nsn = trunk === undefined ? digits : digits.slice(trunk.length);
	return {
		ok: false,
		reason: `is not a valid national number for country code ${describeFit(plan, nsn, true)}: check it, or write it with + and its country code if it is from another country`,
	};
}

/** E.164 with `+`, the form iP.1 contacts use for `phoneNumber`. */
export function toE164(msisdn: string): string {
	return `+${msisdn}`;
}

/** Recipients as an array (from an expression) or one string split at commas, semicolons and new lines; no empties. */
export function splitRecipients(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.flatMap((entry) => splitRecipients(entry)) : String(value ?? '').split(/[,;\n\r]+/);
	return parts.map((part) => (typeof part === 'string' ? part.trim() : String(part))).filter((part) => part !== '');
}
