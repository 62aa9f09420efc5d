/**
 * National numbering plans by country calling code: what a national significant number (NSN, the digits
 * after the country code) may look like, and the trunk prefix dialled before it at home (phoneNumbers.ts).
 * Source: the plans administrations notify to the ITU under E.164 (ITU Operational Bulletin), checked
 * against libphonenumber's possible lengths and leading digits (libphonenumber-js 1.12, never at run time).
 * - Trunk prefixes (the table's third column): none in closed plans (Italy and San Marino keep the fixed line's 0:
 *   +39 06…); Belarus 80 before the area code, 0 newer; Lithuania moved from 8 to 0 and both are seen. A prefix still
 *   written must be listed: left out, Lithuania's 8 6… would read as China. Germany and Austria: only length bounds.
 * Only numbers a subscriber can have (fixed, mobile, personal, VoIP): toll-free, premium, shared-cost, UAN
 * and voicemail numbers receive no SMS, and their odd lengths would make national numbers look foreign.
 * Left out too: lengths that cannot reach E.164's 7–15 digits, and NSNs starting with the trunk prefix
 * unless the length tells them apart (Russia: 8 812… is St Petersburg).
 */

/** One country calling code's plan, as phoneNumbers.ts reads it. */
export interface NumberingPlan {
	code: string;
	/** Country or countries sharing the code, for messages. */
	name: string;
	/** Prefixes dialled before the NSN inside the country, longest first; empty when there is none. */
	trunkPrefixes: readonly string[];
	/** NSN length → the digits an NSN of that length may start with. */
	firstDigits: ReadonlyMap<number, string>;
	/** A structure the whole NSN must also have, when the plan has a simple one. */
	structure?: { pattern: RegExp; description: string };
}

/**
 * [country calling code, name, trunk prefixes (space separated, '' = none), NSN lengths].
 * A length is `9` (any first digit 1–9), `9-11` (a range of those), or `9[2-5]` (only those first digits).
 */
type PlanRow = readonly [code: string, name: string, trunk: string, lengths: string];

const PLAN_ROWS: readonly PlanRow[] = [
	['1', 'NANP: United States, Canada, Caribbean', '1', '10[2-9]'],
	['7', 'Russia, Kazakhstan', '8', '10[347-9]'],
	['20', 'Egypt', '0', '8[135] 9[124-689] 10[1]'],
	['27', 'South Africa', '0', '5[8] 6[8] 7[8] 8[8] 9[1-8]'],
	['30', 'Greece', '', '10[2679]'],
	['31', 'Netherlands', '0', '9 11[9]'],
	['32', 'Belgium', '0', '8 9[4]'],
	['33', 'France', '0', '9[1-79]'],
	['34', 'Spain', '', '9[46-9]'],
	['36', 'Hungary', '06', '8 9[2357]'],
	['39', 'Italy, Vatican', '', '6[0] 7[0] 8[0] 9[013] 10[013-5] 11[0] 12[0]'],
	['40', 'Romania', '0', '6[23] 9[237]'],
	['41', 'Switzerland', '0', '9[2-9]'],
	['43', 'Austria', '0', '5[15] 6[13-7] 7[1-7] 8[1-7] 9[1-7] 10[1-7] 11[1-7] 12[1-7] 13[1-7]'],
	['44', 'United Kingdom, Guernsey, Isle of Man, Jersey', '0', '9[1] 10[1257]'],
	['45', 'Denmark', '', '8[2-9]'],
	['46', 'Sweden', '0', '7[1-4689] 8[1-689] 9'],
	['47', 'Norway, Svalbard', '', '8[2-9]'],
	['48', 'Poland', '', '7 9'],
	['49', 'Germany', '0', '5[3468] 6[2-9] 7[2-9] 8[2-9] 9[2-9] 10-11 12[2-9] 13[2-9]'],
	['55', 'Brazil', '0', '10-11'],
	['60', 'Malaysia', '0', '8[4-9] 9[13] 10[1]'],
	['61', 'Australia, Christmas Island, Cocos Islands', '0', '9[1-478]'],
	['62', 'Indonesia', '0', '7[236] 8[2-79] 9[2-9] 10[2-9] 11[2-9] 12[8]'],
	['63', 'Philippines', '0', '6[2] 8[8] 9[2-8] 10[89]'],
	['64', 'New Zealand', '0', '8[2-4679] 9[27] 10[2]'],
	['65', 'Singapore', '', '8[3689]'],
	['66', 'Thailand', '0', '8[1-57] 9[1689]'],
	['81', 'Japan', '0', '9 10[5-9]'],
	['82', 'South Korea', '0', '5[3-6] 6[3-6] 8[2] 9[1-6] 10[13-7] 11[5]'],
	['84', 'Vietnam', '0', '9[135-9] 10[2]'],
	['86', 'China', '0', '7-8 9[3-9] 10 11[13-578]'],
	['90', 'Turkey', '0', '10[2-58]'],
	['91', 'India', '0', '10'],
	['92', 'Pakistan', '0', '9[124-9] 10[2-9]'],
	['212', 'Morocco, Western Sahara', '0', '9[5-8]'],
	['234', 'Nigeria', '0', '10[27-9]'],
	['254', 'Kenya', '0', '7[4-6] 8[24-6] 9[124-7]'],
	['262', 'Réunion, Mayotte', '0', '9[2679]'],
	['298', 'Faroe Islands', '', '6[2-9]'],
	['299', 'Greenland', '', '6'],
	['350', 'Gibraltar', '', '8[256]'],
	['351', 'Portugal', '', '9[1-3689]'],
	['352', 'Luxembourg', '', '4[2-57-9] 5[2-57-9] 6[2-57-9] 7[2-57-9] 8[2-57-9] 9[2-9] 10[2-57-9] 11[2-57-9]'],
	['353', 'Ireland', '0', '7[24-69] 8[124-69] 9[124-9] 10[4]'],
	['354', 'Iceland', '', '7[4-8] 9[3]'],
	['355', 'Albania', '0', '8[2-578] 9[6]'],
	['356', 'Malta', '', '8[2379]'],
	['357', 'Cyprus', '', '8[279]'],
	['358', 'Finland, Åland', '0', '5[1-35689] 6[1-689] 7[1-689] 8[1-689] 9[1-689] 10[45]'],
	['359', 'Bulgaria', '0', '6[2] 7[2-9] 8[2-9] 9[89]'],
	['370', 'Lithuania', '0 8', '8[3-79]'],
	['371', 'Latvia', '', '8[26]'],
	['372', 'Estonia', '', '7[3-8] 8[578]'],
	['373', 'Moldova', '0', '8[235-7]'],
	['374', 'Armenia', '0', '8'],
	['375', 'Belarus', '80 8 0', '9[1-4]'],
	['376', 'Andorra', '', '6[35-8] 9[6]'],
	['377', 'Monaco', '0', '8[3489] 9[67]'],
	['378', 'San Marino', '', '8[56] 10[0]'],
	['380', 'Ukraine', '0', '9[3-9]'],
	['381', 'Serbia', '0', '7[1-3] 8[1-36] 9[1-36] 10[1-36] 11[1-3] 12[1-3]'],
	['382', 'Montenegro', '0', '8[2-7]'],
	['383', 'Kosovo', '0', '8[2-4] 9[23] 10[3] 11[3] 12[3]'],
	['385', 'Croatia', '0', '8[1-579] 9[2-59]'],
	['386', 'Slovenia', '0', '8[1-8]'],
	['387', 'Bosnia and Herzegovina', '0', '8[3-6] 9[6]'],
	['389', 'North Macedonia', '0', '8[2-47]'],
	['420', 'Czechia', '', '9[2-79]'],
	['421', 'Slovakia', '0', '6[2-5] 7[2-5] 9[2-689]'],
	['423', 'Liechtenstein', '0', '7[237] 9[6]'],
	['590', 'Guadeloupe, Saint Barthélemy, Saint Martin', '0', '9[5-9]'],
	['594', 'French Guiana', '0', '9[5-9]'],
	['596', 'Martinique', '0', '9[5-9]'],
	['852', 'Hong Kong', '', '8[2-9]'],
	['966', 'Saudi Arabia', '0', '9[15]'],
	['971', 'United Arab Emirates', '0', '8[2-4679] 9[5]'],
	['972', 'Israel', '0', '8[2-489] 9[57] 11[1] 12[1]'],
	['995', 'Georgia', '0', '9[3-57]'],
];

/**
 * Every country calling code the ITU has assigned (E.164 list of assigned codes, incl. the
 * non-geographic ones such as 800 and 882). Codes outside the table above are accepted on length alone;
 * a number starting with none of these has no country.
 */
const ASSIGNED_CODES: ReadonlySet<string> = new Set(
	(
		'1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 ' +
		'90 91 92 93 94 95 98 211 212 213 216 218 220 221 222 223 224 225 226 227 228 229 230 231 232 233 234 235 236 237 ' +
		'238 239 240 241 242 243 244 245 246 247 248 249 250 251 252 253 254 255 256 257 258 260 261 262 263 264 265 266 ' +
		'267 268 269 290 291 297 298 299 350 351 352 353 354 355 356 357 358 359 370 371 372 373 374 375 376 377 378 379 ' +
		'380 381 382 383 385 386 387 389 420 421 423 500 501 502 503 504 505 506 507 508 509 590 591 592 593 594 595 596 ' +
		'597 598 599 670 672 673 674 675 676 677 678 679 680 681 682 683 685 686 687 688 689 690 691 692 800 808 850 852 ' +
		'853 855 856 870 878 880 881 882 883 886 888 960 961 962 963 964 965 966 967 968 970 971 972 973 974 975 976 977 ' +
		'979 992 993 994 995 996 998'
	).split(' '),
);

/** NANP's structure is simple and says more than the length: NXX-NXX-XXXX. */
const STRUCTURES: Readonly<Record<string, NumberingPlan['structure']>> = {
	'1': { pattern: /^[2-9]\d{2}[2-9]\d{6}$/, description: 'area code and exchange start with 2–9' },
};

/** `[2-57-9]` → `23457789`: the digits a bracket lists. */
function expandDigits(set: string): string {
	return set.replace(/(\d)-(\d)/g, (_, from: string, to: string) => '0123456789'.slice(Number(from), Number(to) + 1));
}

function parseLengths(spec: string): Map<number, string> {
	const firstDigits = new Map<number, string>();
	for (const token of spec.split(' ')) {
		const match = /^(\d+)(?:-(\d+))?(?:\[([\d-]+)\])?$/.exec(token);
		// A malformed row is a mistake in this file: fail when the module loads (the table test parses every row).
		if (!match) throw new Error(`Bad numbering plan length "${token}"`);
		const digits = match[3] === undefined ? '123456789' : expandDigits(match[3]);
		for (let length = Number(match[1]); length <= Number(match[2] ?? match[1]); length++) firstDigits.set(length, digits);
	}
	return firstDigits;
}

export const NUMBERING_PLANS: ReadonlyMap<string, NumberingPlan> = new Map(
	PLAN_ROWS.map(([code, name, trunk, lengths]) => [
		code,
		{
			code,
			name,
			trunkPrefixes: trunk === '' ? [] : trunk.split(' ').sort((a, b) => b.length - a.length),
			firstDigits: parseLengths(lengths),
			structure: STRUCTURES[code],
		},
	]),
);

export function fitsPlan(plan: NumberingPlan, nsn: string): boolean {
	const firstDigits = plan.firstDigits.get(nsn.length);
	if (firstDigits === undefined || !firstDigits.includes(nsn[0])) return false;
	return plan.structure === undefined || plan.structure.pattern.test(nsn);
}

/** The assigned country calling code that starts `digits` (codes are prefix-free: at most one does). */
export function countryCodeOf(digits: string): string | undefined {
	for (let length = 1; length <= 3; length++) {
		if (ASSIGNED_CODES.has(digits.slice(0, length))) return digits.slice(0, length);
	}
	return undefined;
}

export function planOfInternational(digits: string): { plan: NumberingPlan; nsn: string } | undefined {
	const plan = NUMBERING_PLANS.get(countryCodeOf(digits) ?? '');
	return plan === undefined ? undefined : { plan, nsn: digits.slice(plan.code.length) };
}

/** `[6,7,8,9,10,12]` → "6 to 10 or 12"; with `dash` `[2,…,9]` → "2–9" (runs of three or more joined). */
function describeRuns(values: number[], dash = false): string {
	const parts: string[] = [];
	for (let start = 0; start < values.length; ) {
		let end = start;
		while (end + 1 < values.length && values[end + 1] === values[end] + 1) end++;
		if (end - start >= 2) parts.push(`${values[start]}${dash ? '–' : ' to '}${values[end]}`);
		else parts.push(...values.slice(start, end + 1).map(String));
		start = end + 1;
	}
	return listed(parts);
}

/** "a", "a or b", "a, b or c". */
function listed(parts: readonly string[]): string {
	return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

/** How a national number is written there: "after an optional leading 0", or that there is no trunk prefix. */
function describeTrunk(plan: NumberingPlan): string {
	return plan.trunkPrefixes.length === 0 ? ', no trunk prefix' : ` after an optional leading ${listed(plan.trunkPrefixes)}`;
}

/** What the plan allows: "Sweden: 7 to 9 digits after an optional leading 0" (`national`), else "… after 46". */
export function describePlan(plan: NumberingPlan, national: boolean): string {
	const lengths = describeRuns([...plan.firstDigits.keys()].sort((a, b) => a - b));
	const after = national ? describeTrunk(plan) : ` after ${plan.code}`;
	const structure = plan.structure ? `; ${plan.structure.description}` : '';
	return `${plan.name}: ${lengths} digits${after}${structure}`;
}

/** When the length is right but the first digit is not: "numbers of 8 digits there start with 1, 3 or 5". */
export function describeFirstDigits(plan: NumberingPlan, nsn: string): string | undefined {
	const digits = plan.firstDigits.get(nsn.length);
	if (digits === undefined || digits.includes(nsn[0])) return undefined;
	return `numbers of ${nsn.length} digits there start with ${describeRuns(digits.split('').map(Number), true)}`;
}
