import type { IDataObject } from 'n8n-workflow';

import type { SendSettings } from '../1-compose/settings';
import { countSegments, type Encoding } from '../gsm';
import type { SentBatch } from './sentBatch';

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
	if (settings.quietHours) {
		// The windows above are what Quiet Hours made of the send; this says from what, and when sending can start.
		const { from, until, timeZone, nextSendingAt } = settings.quietHours;
		request.quietHours = { from, until, timeZone, nextSendingAt };
	}
	if (settings.optOutText) request.optOutText = settings.optOutText;
	if (settings.deliveryReportUrl) request.deliveryReportUrl = settings.deliveryReportUrl;
	if (settings.tags.length > 0) request.tags = [...settings.tags];
	return request;
}

export interface SendOutputInput extends TextFacts {
	/** The batches that carried this item's recipients, in sending order. */
	sent: SentBatch[];
	recipients: string[];
	request: IDataObject;
	text: string;
}

/**
 * One output item of a send: the batch and message IDs first (what the next node needs), then the
 * text facts of the datacoding requested (and iP.1's own figures when its messages carry them), the request as sent (readable, no token) and the API's answer normalised —
 * restricted to this item's own recipients, so a 1,000-recipient batch is not copied 1,000 times.
 */
export function sendOutput(input: SendOutputInput): IDataObject {
	const { sent, recipients } = input;
	const batchIds = unique(sent.map((batch) => batch.batchId).filter((id): id is string => Boolean(id)));
	const messageIds: IDataObject = {};
	const messages: IDataObject[] = [];
	const warnings = unique(sent.flatMap((batch) => batch.warnings));
	for (const recipient of recipients) {
		const batch = sent.find((candidate) => candidate.messagesByRecipient.has(recipient));
		const message = batch?.messagesByRecipient.get(recipient);
		if (message) {
			messageIds[recipient] = message.id as string;
			messages.push(message);
		} else if (sent.some((candidate) => candidate.messagesByRecipient.size > 0)) {
			warnings.push(`iP.1 returned no message for ${recipient}. Check the batch with Message → Get Many.`);
		}
	}
	const batches = sent.map((batch) => batch.batch).filter((batch): batch is IDataObject => batch !== undefined);
	const billed = billedFacts(messages);
	const billingWarning = billingDifference(input, billed);
	if (billingWarning) warnings.push(billingWarning);
	const output: IDataObject = {
		batchId: batchIds[0] ?? null,
		batchIds,
		reference: sent[0]?.reference ?? null,
		references: unique(sent.map((batch) => batch.reference)),
		recipients,
		messageIds,
		text: input.text,
		encoding: input.encoding,
		characters: input.characters,
		segments: input.segments,
		totalSegments: input.totalSegments,
		...billed,
		request: input.request,
		response: {
			shape: sent[0]?.shape ?? 'empty',
			...(batches.length > 0 ? { batches } : {}),
			messages,
		},
	};
	if (warnings.length > 0) output.warnings = warnings;
	return output;
}

interface BilledFacts {
	billedEncoding?: string;
	billedSegments?: number;
}

/**
 * What iP.1's message documents say it stored: the largest datacoding and the most parts among this
 * item's messages. Shown beside ours, never instead of them: an API reading may store a GSM text of
 * a ucs request as GSM, another as UCS-2; only its own documents tell.
 */
function billedFacts(messages: IDataObject[]): BilledFacts {
	const codings = messages.map((message) => message.datacoding).filter((value): value is string => typeof value === 'string');
	const segments = messages.map((message) => Number(message.segments)).filter((value) => Number.isInteger(value) && value > 0);
	const facts: BilledFacts = {};
	if (codings.length > 0) facts.billedEncoding = codings.includes('ucs') ? 'ucs' : codings[0];
	if (segments.length > 0) facts.billedSegments = Math.max(...segments);
	return facts;
}

function billingDifference(requested: TextFacts, billed: BilledFacts): string | undefined {
	const encodingDiffers = billed.billedEncoding !== undefined && billed.billedEncoding !== requested.encoding;
	const segmentsDiffer = billed.billedSegments !== undefined && billed.billedSegments !== requested.segments;
	if (!encodingDiffers && !segmentsDiffer) return undefined;
	return (
		`The send requested ${requested.encoding} (${parts(requested.segments)} per recipient), but iP.1 reports ` +
		`${billed.billedEncoding ?? requested.encoding} (${parts(billed.billedSegments ?? requested.segments)}) for its messages ` +
		'(billedEncoding, billedSegments). iP.1 bills by its own count.'
	);
}

function parts(count: number): string {
	return count === 1 ? '1 part' : `${count} parts`;
}

function unique<T>(list: T[]): T[] {
	return Array.from(new Set(list));
}
