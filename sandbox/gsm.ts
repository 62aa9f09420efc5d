// GSM 03.38 default alphabet and its extension table, and the segment arithmetic operators use:
// GSM-7 holds 160 septets in one SMS, 153 per part when concatenated (the UDH takes 7);
// UCS-2 holds 70 code units, 67 per part. Extension characters take two septets (ESC + char).
// Written apart from the node's nodes/Ip1Sms/actions/sms/gsm.ts on purpose: the sandbox plays the API, and
// tests compare the node's local segment count with what the API reports, so the two must not share code.

export type Datacoding = 'gsm' | 'ucs';

const BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
	'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = '\f^{}\\[~]|€';

const basicSet = new Set(Array.from(BASIC));
const extensionSet = new Set(Array.from(EXTENSION));

/** Septets a character needs in GSM-7: 1 (basic), 2 (extension table) or 0 (not encodable). */
export function gsmSeptets(char: string): 0 | 1 | 2 {
	if (basicSet.has(char)) return 1;
	if (extensionSet.has(char)) return 2;
	return 0;
}

/** Distinct characters (whole code points) that GSM-7 cannot encode, in order of appearance. */
export function nonGsmCharacters(text: string): string[] {
	const found = new Set<string>();
	for (const char of text) if (gsmSeptets(char) === 0) found.add(char);
	return Array.from(found);
}

export function fitsGsm(text: string): boolean {
	for (const char of text) if (gsmSeptets(char) === 0) return false;
	return true;
}

/** Smallest coding able to carry the text. */
export function smallestDatacoding(text: string): Datacoding {
	return fitsGsm(text) ? 'gsm' : 'ucs';
}

// Operators never split an escape sequence or a surrogate pair between two parts, so a unit
// that does not fit in the rest of a part starts the next one.
function countParts(units: number[], single: number, perPart: number): number {
	const total = units.reduce((sum, size) => sum + size, 0);
	if (total <= single) return 1;
	let parts = 1;
	let used = 0;
	for (const size of units) {
		if (used + size > perPart) {
			parts++;
			used = 0;
		}
		used += size;
	}
	return parts;
}

export function countSegments(text: string, coding: Datacoding): number {
	const chars = Array.from(text);
	if (coding === 'gsm') {
		return countParts(
			chars.map((char) => (gsmSeptets(char) === 2 ? 2 : 1)),
			160,
			153,
		);
	}
	return countParts(
		chars.map((char) => char.length),
		70,
		67,
	);
}
