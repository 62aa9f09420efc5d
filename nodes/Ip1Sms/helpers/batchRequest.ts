import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import { countSegments, nonGsmCharacters, type Encoding } from './gsm';
import { inputError } from './inputErrors';
import { WIRE_DATACODING, WIRE_PRIORITY, WIRE_TYPE, type SendSettings } from './sendSettings';
import type { PlaceholderValues } from './templating';

/** Recipients on the wire: a list of MSISDNs, or the templating dictionary (with `default`). */
export type WireRecipients = string[] | Record<string, PlaceholderValues>;

/** The JSON body of POST /v2/batches (enums as integers: see sendSettings.ts). */
export function wireBody(settings: SendSettings, recipients: WireRecipients, reference: string): IDataObject {
	const body: IDataObject = {
		sender: settings.sender,
		recipients: recipients as IDataObject,
		body: settings.text,
		type: WIRE_TYPE[settings.type],
		datacoding: WIRE_DATACODING[settings.encoding],
		priority: WIRE_PRIORITY[settings.priority],
		reference,
	};
	if (settings.deliveryWindows.length > 0) body.deliveryWindows = settings.deliveryWindows.map((window) => ({ ...window }));
	if (settings.deliveryReportUrl) body.deliveryReportUrl = settings.deliveryReportUrl;
	if (settings.tags.length > 0) body.tags = [...settings.tags];
	return body;
}

/** The request as the output shows it: readable enum names, this item's recipients only, never the token. */
export function readableRequest(settings: SendSettings, recipients: string[], reference: string): IDataObject {
	const request: IDataObject = {
		sender: settings.sender,
		recipients,
		body: settings.text,
		type: settings.type,
		encoding: settings.encoding,
		priority: settings.priority,
		reference,
	};
	if (settings.deliveryWindows.length > 0) request.deliveryWindows = settings.deliveryWindows.map((window) => ({ ...window }));
	if (settings.deliveryReportUrl) request.deliveryReportUrl = settings.deliveryReportUrl;
	if (settings.tags.length > 0) request.tags = [...settings.tags];
	return request;
}

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

export interface TextFacts {
	encoding: Encoding;
	characters: number;
	/** SMS parts per recipient. */
	segments: number;
	/** SMS parts for all the recipients together. */
	totalSegments: number;
}

/** Local segment arithmetic for the output (what iP.1 will bill per recipient). */
export function textFacts(text: string, recipients: number): TextFacts {
	const count = countSegments(text);
	return {
		encoding: count.encoding,
		characters: count.characters,
		segments: count.segments,
		totalSegments: count.segments * recipients,
	};
}

/** Adds what had already been sent to an error's description, so nobody re-sends it blindly. */
export function withNote<E extends Error>(error: E, note: string): E {
	if (error instanceof NodeOperationError || 'description' in error) {
		const described = error as E & { description?: string | null };
		described.description = [described.description, note].filter(Boolean).join('\n');
	}
	return error;
}
