/**
 * Phone numbers as iP.1 wants them. Sending, conversations and the blacklist take MSISDN: country
 * code and number, digits only, no `+`, at most 15 digits. Contacts store E.164 with `+`.
 */
export type MsisdnResult = { ok: true; msisdn: string } | { ok: false; reason: string };

/** Separators people type inside numbers: spaces (incl. no-break), dashes, dots, slashes, brackets. */
const SEPARATORS = /[\s\u00a0\-./()[\]]/g;
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;

/**
 * `+46 (0)70-123 45 67`, `0046701234567`, `070 123 45 67` (with default country code 46) →
 * `46701234567`. The `(0)` trunk prefix written after a country code is dropped.
 */
export function toMsisdn(raw: unknown, defaultCountryCode = ''): MsisdnResult {
	if (typeof raw !== 'string' && typeof raw !== 'number') return { ok: false, reason: 'is not a phone number' };
	let text = String(raw).trim().replace(/\(0\)/g, '');
	if (text === '') return { ok: false, reason: 'is empty' };
	text = text.replace(SEPARATORS, '');
	let international = false;
	if (text.startsWith('+')) {
		text = text.slice(1);
		international = true;
	} else if (text.startsWith('00')) {
		text = text.slice(2);
		international = true;
	}
	if (!/^\d+$/.test(text)) return { ok: false, reason: 'may only contain digits, spaces, dashes, brackets and a leading + or 00' };
	if (!international && text.startsWith('0')) {
		const countryCode = defaultCountryCode.replace(/^\+|^00/, '').trim();
		if (!/^\d{1,4}$/.test(countryCode)) {
			return {
				ok: false,
				reason: 'is a national number (starts with 0): set "Default Country Code" (for example 46 for Sweden) or write it with its country code',
			};
		}
		text = countryCode + text.replace(/^0+/, '');
	}
	if (text.length < MIN_DIGITS || text.length > MAX_DIGITS) {
		return { ok: false, reason: `must have ${MIN_DIGITS} to ${MAX_DIGITS} digits including the country code` };
	}
	return { ok: true, msisdn: text };
}

/** E.164 with `+`, the form iP.1 contacts use for `phoneNumber`. */
export function toE164(msisdn: string): string {
	return `+${msisdn}`;
}

/**
 * Recipients as users give them: an array (from an expression), or one string with numbers
 * separated by commas, semicolons or new lines. Empty entries are dropped.
 */
export function splitRecipients(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.flatMap((entry) => splitRecipients(entry)) : String(value ?? '').split(/[,;\n\r]+/);
	return parts.map((part) => (typeof part === 'string' ? part.trim() : String(part))).filter((part) => part !== '');
}
