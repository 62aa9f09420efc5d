import type { IDataObject, INode } from 'n8n-workflow';

import { countSegments, fitsGsm, nonGsmCharacters, type Encoding } from './gsm';
import { inputError } from '../../shared/errors/inputErrors';
import {
	WIRE_DATACODING,
	WIRE_PRIORITY,
	WIRE_TYPE,
	type EnumForm,
	type RequestedEncoding,
	type SendSettings,
} from './sendSettings';
import type { PlaceholderValues } from './templating';

/** Recipients on the wire: a list of MSISDNs, or the templating dictionary (with `default`). */
export type WireRecipients = string[] | Record<string, PlaceholderValues>;

/** What one request carries besides the settings: its recipients, reference and datacoding. */
export interface RequestParts {
	recipients: WireRecipients;
	reference: string;
	/** The datacoding this request is sent with, always explicit (see chooseDatacoding). */
	datacoding: Encoding;
}

/** The JSON body of POST /v2/batches, its enums in the given form (see sendSettings.ts). */
export function wireBody(settings: SendSettings, parts: RequestParts, form: EnumForm): IDataObject {
	const body: IDataObject = {
		sender: settings.sender,
		recipients: parts.recipients as IDataObject,
		body: settings.text,
		type: WIRE_TYPE[form][settings.type],
		datacoding: WIRE_DATACODING[form][parts.datacoding],
		priority: WIRE_PRIORITY[settings.priority],
		reference: parts.reference,
	};
	if (settings.deliveryWindows.length > 0) body.deliveryWindows = settings.deliveryWindows.map((window) => ({ ...window }));
	if (settings.deliveryReportUrl) body.deliveryReportUrl = settings.deliveryReportUrl;
	if (settings.tags.length > 0) body.tags = [...settings.tags];
	return body;
}

/**
 * The datacoding a request is sent with. Never left to the API: its default (`ucs`) may send and
 * bill a GSM text as UCS-2. Auto is GSM only when every text of the request (the substituted text
 * of every recipient, in personalised mode) fits GSM-7.
 */
export function chooseDatacoding(requested: RequestedEncoding, texts: string[]): Encoding {
	if (requested !== 'auto') return requested;
	return texts.every(fitsGsm) ? 'gsm' : 'ucs';
}

/**
 * The request as the output shows it: readable enum names, this item's recipients only, never the
 * token. `encoding` is the datacoding sent; `encodingOption` the user's choice when it was Auto.
 */
export function readableRequest(settings: SendSettings, recipients: string[], reference: string, datacoding: Encoding): IDataObject {
	const request: IDataObject = {
		sender: settings.sender,
		recipients,
		body: settings.text,
		type: settings.type,
		encoding: datacoding,
		...(settings.encoding === 'auto' ? { encodingOption: 'auto' } : {}),
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

/**
 * Segment arithmetic for the output, in the datacoding requested: never a cheaper count than the
 * one the request asked for (a GSM text sent as ucs may be stored and billed as UCS-2).
 */
export function textFacts(text: string, recipients: number, datacoding: Encoding): TextFacts {
	const count = countSegments(text, datacoding);
	return {
		encoding: count.encoding,
		characters: count.characters,
		segments: count.segments,
		totalSegments: count.segments * recipients,
	};
}
