import { nonGsmCharacters } from '../gsm';
import type { Problem, RequestedEncoding } from './composeTypes';

/** The field as the user sees it (Options → Append Opt-Out Text). */
const FIELD = 'Append Opt-Out Text';

/**
 * Options → Append Opt-Out Text: the message with the opt-out line on a line of its own at the end.
 * It becomes part of the text before anything is counted or checked, so the encoding, the parts
 * shown in the output, the 2,000-character limit and (personalised mode) the placeholders all see
 * the text as it is sent. A message that already ends with the opt-out text does not get it twice.
 */
export function withOptOutText(
	message: string,
	optOutText: unknown,
	encoding: RequestedEncoding,
	maxLength: number,
	problem: Problem,
): { text: string; optOutText?: string } {
	const line = String(optOutText ?? '').trim();
	if (line === '') return { text: message };
	if (message.trimEnd().endsWith(line)) return { text: message, optOutText: line };
	if (encoding === 'gsm') {
		const outside = nonGsmCharacters(line);
		if (outside.length > 0) {
			throw problem(
				FIELD,
				`contains characters GSM cannot encode: ${outside.map((char) => `"${char}"`).join(' ')}`,
				line,
				'Write the opt-out text with GSM characters (Å, Ä, Ö, É are fine), or set "Encoding" to Auto or Unicode.',
			);
		}
	}
	const text = `${message.trimEnd()}\n${line}`;
	if (text.length > maxLength) {
		throw problem(
			FIELD,
			`makes the message ${text.length} characters long; at most ${maxLength} are allowed`,
			line,
			'Shorten the message or the opt-out text: the opt-out text is appended on a new line and counts towards the limit.',
		);
	}
	return { text, optOutText: line };
}
