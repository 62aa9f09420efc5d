import type { INode } from 'n8n-workflow';

import { inputError } from '../../../../shared/errors/inputErrors';
import type { SendSettings } from './settings';
import { nonGsmCharacters } from '../gsm';

/**
 * With GSM chosen, a text needing other characters is refused by the API (for the whole request):
 * caught here, per item, naming the characters.
 */
export function assertEncodable(node: INode, itemIndex: number, text: string, settings: SendSettings, personalised = false): void {
	if (settings.encoding !== 'gsm') return;
	const outside = nonGsmCharacters(text);
	if (outside.length === 0) return;
	throw inputError(node, itemIndex, {
		field: 'Message',
		rule: `${personalised ? 'once personalised, ' : ''}contains characters GSM cannot encode: ${outside.map(showCharacter).join(' ')}`,
		fix: 'Replace or remove these characters, or set "Encoding" to Unicode (an SMS then holds 70 characters instead of 160, so long texts cost more parts).',
	});
}

function showCharacter(char: string): string {
	const code = char.codePointAt(0) ?? 0;
	const visible = code < 32 || (code >= 0x7f && code < 0xa0) || /\s/.test(char);
	return visible ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `"${char}"`;
}

/** The text one recipient receives must also respect the 2000-character limit. */
export function assertTextLength(node: INode, itemIndex: number, text: string, limit: number): void {
	if (text.length <= limit) return;
	throw inputError(node, itemIndex, {
		field: 'Message',
		rule: `is ${text.length} characters long once personalised; at most ${limit} are allowed`,
		fix: 'Shorten the text or the personalisation values of this item.',
	});
}
