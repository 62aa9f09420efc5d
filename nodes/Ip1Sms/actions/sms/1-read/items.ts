import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { inputError } from '../../../../shared/errors/inputErrors';
import { readEveryItem, type EveryItem } from '../../common/items';
import { cachedParameterReader, type ParameterReader } from '../../common/parameters';
import { SEND } from '../fields';
import { nonGsmCharacters } from '../gsm';
import { composePersonalisation, type Personalisation } from './personalisation';
import { readRecipients } from './recipients';
import { composeSettings, MAX_TEXT_LENGTH, type Clock, type SendSettings } from './settings';

/** One item of "One SMS per Item", valid: everything its requests need. */
export interface PerItemSend {
	settings: SendSettings;
	msisdns: string[];
	duplicatesRemoved: number;
}

/** One item of "One Personalised Batch for All Items", valid: a recipient and its text. */
export interface PersonalisedSend extends Personalisation {
	itemIndex: number;
	settings: SendSettings;
	msisdns: string[];
}

type Validate<T> = (node: INode, read: ParameterReader, itemIndex: number, clock: Clock) => T;

/** Every item checked before the first request: without Continue On Fail one bad item stops all (a re-run sends nothing twice). */
export function validateEveryItem<T>(context: IExecuteFunctions, itemCount: number, validate: Validate<T>): EveryItem<T> {
	const node = context.getNode();
	const read = cachedParameterReader(context);
	const clock: Clock = { timeZone: context.getTimezone(), now: Date.now() };
	return readEveryItem(context, itemCount, (itemIndex) => validate(node, read, itemIndex, clock));
}

export const validatePerItem: Validate<PerItemSend> = (node, read, itemIndex, clock) => {
	const settings = composeSettings(node, read, itemIndex, clock);
	const { msisdns, duplicatesRemoved } = readRecipients(node, itemIndex, read(SEND.recipients, itemIndex), settings.defaultCountryCode);
	assertEncodable(node, itemIndex, settings.text, settings);
	return { settings, msisdns, duplicatesRemoved };
};

export const validatePersonalised: Validate<PersonalisedSend> = (node, read, itemIndex, clock) => {
	const settings = composeSettings(node, read, itemIndex, clock);
	const { msisdns } = readRecipients(node, itemIndex, read(SEND.recipients, itemIndex), settings.defaultCountryCode);
	const personalisation = composePersonalisation(node, read, itemIndex, settings);
	const { text } = personalisation;
	if (text.length > MAX_TEXT_LENGTH) {
		throw inputError(node, itemIndex, {
			field: 'Message',
			rule: `is ${text.length} characters long once personalised; at most ${MAX_TEXT_LENGTH} are allowed`,
			fix: 'Shorten the text or the personalisation values of this item.',
		});
	}
	assertEncodable(node, itemIndex, text, settings, personalisation.placeholders.length > 0);
	return { itemIndex, settings, msisdns, ...personalisation };
};

/** With GSM chosen, iP.1 refuses a text needing other characters (the whole request): caught per item. */
function assertEncodable(node: INode, itemIndex: number, text: string, settings: SendSettings, personalised = false): void {
	const outside = settings.encoding === 'gsm' ? nonGsmCharacters(text) : [];
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
