import { countSegments, fitsGsm, gsmSeptets, nonGsmCharacters, smallestEncoding } from '../../nodes/Ip1Sms/actions/sms/gsm';

const repeat = (text: string, times: number) => text.repeat(times);

describe('GSM-7 character tables', () => {
	test('basic characters take one septet, extension characters two, others none', () => {
		for (const char of ['A', 'z', '0', '@', '£', 'Å', 'ä', 'Ö', 'ñ', 'É', '\n', ' ', '?', '¿', 'Δ']) expect(gsmSeptets(char)).toBe(1);
		for (const char of ['€', '[', ']', '{', '}', '\\', '^', '~', '|', '\f']) expect(gsmSeptets(char)).toBe(2);
		for (const char of ['á', 'ê', 'õ', 'ł', '😀', '中', '\u00a0', '`']) expect(gsmSeptets(char)).toBe(0);
	});

	test('lists the characters outside GSM-7 once each, in order of appearance', () => {
		expect(nonGsmCharacters('Olá, você está bem? Olá 😀')).toEqual(['á', 'ê', '😀']);
		expect(nonGsmCharacters('Hej på dig! €5 {ok}')).toEqual([]);
		expect(fitsGsm('Hej på dig! €5 {ok}')).toBe(true);
		expect(smallestEncoding('Hej')).toBe('gsm');
		expect(smallestEncoding('Hej 😀')).toBe('ucs');
	});
});

describe('segment counts', () => {
	test.each([
		['empty', 1, 0, ''],
		['1 letter', 1, 1, 'a'],
		['160 letters', 1, 160, repeat('a', 160)],
		['161 letters', 2, 161, repeat('a', 161)],
		['306 letters', 2, 306, repeat('a', 306)],
		['307 letters', 3, 307, repeat('a', 307)],
		['459 letters', 3, 459, repeat('a', 459)],
		['460 letters', 4, 460, repeat('a', 460)],
		['80 euro signs', 1, 160, repeat('€', 80)],
		['81 euro signs', 2, 162, repeat('€', 81)],
	])('GSM-7, %s → %i part(s), %i septets', (_label, segments, units, text) => {
		const count = countSegments(text);
		expect(count.encoding).toBe('gsm');
		expect(count.segments).toBe(segments);
		expect(count.units).toBe(units);
	});

	test('extension characters count twice and are never split between parts', () => {
		// 152 'a' + '€' = 154 septets: two parts. The escape pair does not fit in what is left of part 1
		// after 152 septets (153 - 152 = 1), so it starts part 2.
		const text = repeat('a', 152) + '€' + repeat('a', 152);
		const count = countSegments(text);
		expect(count.units).toBe(306);
		// A plain division would say 2 (306/153), but the € moved to part 2 and pushed one 'a' into part 3.
		expect(count.segments).toBe(3);
		expect(count.unitsPerSegment).toBe(153);
	});

	test.each([
		['1 letter', 1, 1, 'ł'],
		['70 letters', 1, 70, repeat('ł', 70)],
		['71 letters', 2, 71, repeat('ł', 71)],
		['134 letters', 2, 134, repeat('ł', 134)],
		['135 letters', 3, 135, repeat('ł', 135)],
		['35 emoji', 1, 70, repeat('😀', 35)],
		['36 emoji', 2, 72, repeat('😀', 36)],
	])('UCS-2, %s → %i part(s), %i UTF-16 code units', (_label, segments, units, text) => {
		const count = countSegments(text);
		expect(count.encoding).toBe('ucs');
		expect(count.segments).toBe(segments);
		expect(count.units).toBe(units);
	});

	test('a surrogate pair is never split: 66 units + an emoji start a new part', () => {
		const text = repeat('ł', 66) + '😀' + repeat('ł', 66);
		const count = countSegments(text);
		expect(count.units).toBe(134);
		expect(count.segments).toBe(3);
		expect(count.characters).toBe(133);
	});

	test('one character outside GSM-7 makes the whole text UCS-2', () => {
		const text = repeat('a', 100) + 'ę';
		expect(countSegments(text)).toMatchObject({ encoding: 'ucs', units: 101, segments: 2, unitsPerSegment: 67 });
		expect(countSegments(repeat('a', 100))).toMatchObject({ encoding: 'gsm', segments: 1, unitsPerSegment: 160 });
	});

	test('UCS-2 arithmetic can be forced for a GSM text', () => {
		expect(countSegments(repeat('a', 100), 'ucs')).toMatchObject({ encoding: 'ucs', segments: 2 });
	});
});
