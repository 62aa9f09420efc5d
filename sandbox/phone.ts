import type { JsonValue, PhoneNumberMetadata } from './types';

// A deliberately small stand-in for the phone-number parsing iP.1 does server-side (it looks like
// libphonenumber): enough to give contacts believable metadata and filterable values.

const MSISDN = /^\d{1,15}$/;

/** Digits only, 1 to 15 characters: the MSISDN form of send, conversations and blacklist. */
export function isMsisdn(value: string): boolean {
	return MSISDN.test(value);
}

/** `+46 70-123 45 67`, `0046701234567` and `0701234567` (Swedish national) all give `46701234567`. */
export function parseMsisdn(raw: string): string | null {
	const compact = raw.replace(/[\s\-().]/g, '');
	let digits: string;
	if (compact.startsWith('+')) digits = compact.slice(1);
	else if (compact.startsWith('00')) digits = compact.slice(2);
	else if (compact.startsWith('0')) digits = `46${compact.slice(1)}`;
	else digits = compact;
	return /^\d+$/.test(digits) ? digits : null;
}

export function phoneMetadata(value: JsonValue, isBlocked: (msisdn: string) => boolean): PhoneNumberMetadata {
	const parsed = typeof value === 'string' || typeof value === 'number' ? parseMsisdn(String(value)) : null;
	const possible = parsed !== null && parsed.length >= 8 && parsed.length <= 15;
	const swedish = parsed !== null && parsed.startsWith('46');
	const nationalLength = parsed === null ? 0 : parsed.length - 2;
	const valid = possible && (swedish ? nationalLength >= 7 && nationalLength <= 9 : !parsed.startsWith('0'));
	return {
		isPossiblePhoneNumber: String(possible),
		isValidPhoneNumber: String(valid),
		phoneNumberType: swedish && parsed.charAt(2) === '7' ? 'MOBILE' : 'UNKNOWN',
		parsedMSISDN: parsed ?? '',
		isBlocked: String(parsed !== null && isBlocked(parsed)),
	};
}
