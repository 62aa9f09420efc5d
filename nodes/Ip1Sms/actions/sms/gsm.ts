/**
 * GSM 03.38 (GSM-7) alphabet and extension table, and the operators' segment arithmetic. GSM-7: 160 septets in one
 * SMS, 153 per part (the header takes the rest); extension characters (€ [ ] { } \ ^ ~ | and form feed) count twice.
 * UCS-2: 70 code units, 67 per part; most emoji take two. An escape or surrogate pair is never split between parts,
 * so a text may need one part more than division says.
 */
export type Encoding = 'gsm' | 'ucs';

const BASIC = new Set(
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
		'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const EXTENSION = new Set('\f^{}\\[~]|€');

/** Units one SMS holds, and each part of a longer one. */
const CAPACITY = { gsm: { single: 160, part: 153 }, ucs: { single: 70, part: 67 } };

/** Septets a character needs in GSM-7: 1 (basic table), 2 (extension table) or 0 (not encodable). */
export function gsmSeptets(char: string): 0 | 1 | 2 {
	if (BASIC.has(char)) return 1;
	if (EXTENSION.has(char)) return 2;
	return 0;
}

/** Distinct characters (whole code points) GSM-7 cannot encode, in order of first appearance. */
export function nonGsmCharacters(text: string): string[] {
	const found = new Set<string>();
	for (const char of text) if (gsmSeptets(char) === 0) found.add(char);
	return Array.from(found);
}

export function fitsGsm(text: string): boolean {
	return nonGsmCharacters(text).length === 0;
}

export function smallestEncoding(text: string): Encoding {
	return fitsGsm(text) ? 'gsm' : 'ucs';
}

export interface SegmentCount {
	encoding: Encoding;
	/** Characters as people count them (code points). */
	characters: number;
	/** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
	units: number;
	/** SMS parts the text is sent as (what iP.1 bills). */
	segments: number;
	/** Units one part holds for this text: 160/153 (GSM-7) or 70/67 (UCS-2). */
	unitsPerSegment: number;
}

/**
 * The parts a text is sent as. Without a datacoding (or `'gsm'`) the smallest encoding that carries
 * it; `'ucs'` forces UCS-2 (whether iP.1 sends a GSM-fitting ucs text as GSM is undocumented).
 */
export function countSegments(text: string, encoding?: Encoding): SegmentCount {
	const chosen: Encoding = encoding === 'ucs' ? 'ucs' : smallestEncoding(text);
	const chars = Array.from(text);
	const sizes = chosen === 'gsm' ? chars.map((char) => (gsmSeptets(char) === 2 ? 2 : 1)) : chars.map((char) => char.length);
	const { single, part } = CAPACITY[chosen];
	const units = sizes.reduce((total, size) => total + size, 0);
	let segments = 1;
	let used = 0;
	// Longer than one SMS: a character that does not fit in what is left of a part starts the next one.
	for (const size of units > single ? sizes : []) {
		if (used + size > part) [segments, used] = [segments + 1, 0];
		used += size;
	}
	return { encoding: chosen, characters: chars.length, units, segments, unitsPerSegment: segments > 1 ? part : single };
}
