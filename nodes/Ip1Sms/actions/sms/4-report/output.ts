import type { IDataObject } from 'n8n-workflow';

import { toStatus } from '../../../../shared/dialect/documents';
import { isPlainObject } from '../../../../shared/values';
import type { SendSettings } from '../1-read/settings';
import { countSegments, type Encoding } from '../gsm';
import type { SentBatch } from '../3-send/sentBatch';

export interface TextFacts {
	encoding: Encoding;
	characters: number;
	/** SMS parts per recipient. */
	segments: number;
}

/**
 * Segment arithmetic for the output, in the datacoding requested: never a cheaper count than the
 * one the request asked for (a GSM text sent as ucs may be stored and billed as UCS-2).
 */
export function textFacts(text: string, datacoding: Encoding): TextFacts {
	const count = countSegments(text, datacoding);
	return { encoding: count.encoding, characters: count.characters, segments: count.segments };
}

/**
 * The request as the output's `detail` shows it: readable enum names, never the token. The
 * recipients are counted, not listed: every recipient has an output item of its own (`to`), and a
 * list of 1,000 numbers copied into 1,000 items would make the execution data grow by the square.
 * `encoding` is the datacoding sent; `encodingOption` the user's choice when it was Auto.
 */
export function readableRequest(settings: SendSettings, recipientCount: number, reference: string, datacoding: Encoding): IDataObject {
	const request: IDataObject = {
		sender: settings.sender,
		recipientCount,
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
	/** The item's recipients (MSISDN, duplicates removed), in the order they were sent. */
	recipients: string[];
	/** The batch that carried each recipient, where the sender knows it (One SMS per Item). */
	batchByRecipient?: Map<string, SentBatch>;
	request: IDataObject;
	text: string;
	duplicatesRemoved?: number;
	/** Simplify (on by default): no `detail`. */
	simplify?: boolean;
}

/**
 * The output items of one input item: one per recipient, flat, in the order a person reads them
 * and a next node maps them (`to`, `messageId`, `status`, `text`, `segments`, `encoding`,
 * `batchId`, `reference`, `price` when iP.1 states it), then `warnings` when there are any, and
 * everything else — the request as sent (readable, no token), iP.1's own figures and its answer for
 * this recipient — under the one key `detail`.
 */
export function recipientOutputs(input: SendOutputInput): IDataObject[] {
	return input.recipients.map((to) => recipientOutput(input, to, batchOf(input, to)));
}

/** The batch that carried a recipient: the one it was sent in, else the one holding its message. */
function batchOf(input: SendOutputInput, to: string): SentBatch | undefined {
	const { sent, batchByRecipient } = input;
	const carried = batchByRecipient?.get(to);
	if (carried) return carried;
	const holding = sent.find((batch) => batch.messagesByRecipient.has(to));
	if (holding) return holding;
	return sent.length === 1 ? sent[0] : undefined;
}

function recipientOutput(input: SendOutputInput, to: string, batch: SentBatch | undefined): IDataObject {
	const message = batch?.messagesByRecipient.get(to);
	const warnings = unique(batch ? batch.warnings : input.sent.flatMap((candidate) => candidate.warnings));
	if (!message && input.sent.some((candidate) => candidate.messagesByRecipient.size > 0)) {
		warnings.push(`iP.1 returned no message for ${to}. Check the batch with Message → Get Many.`);
	}
	const billed = billedFacts(message);
	const billingWarning = billingDifference(input, billed);
	if (billingWarning) warnings.push(billingWarning);
	const output: IDataObject = {
		to,
		messageId: message?.id === undefined ? null : String(message.id),
		status: statusName(message),
		text: input.text,
		segments: input.segments,
		encoding: input.encoding,
		batchId: batch?.batchId ?? null,
		reference: batch?.reference ?? input.sent[0]?.reference ?? null,
		...priceOf(message),
	};
	Object.assign(output, quietHoursFacts(input.request));
	if (warnings.length > 0) output.warnings = warnings;
	if (input.simplify) return output;
	output.detail = {
		characters: input.characters,
		...billed,
		...(input.duplicatesRemoved ? { duplicatesRemoved: input.duplicatesRemoved } : {}),
		request: input.request,
		response: {
			shape: batch?.shape ?? input.sent[0]?.shape ?? 'empty',
			...(batch?.batch ? { batch: batch.batch } : {}),
			...(message ? { message } : {}),
		},
	};
	return output;
}

/** Quiet Hours, when set, read at a glance: `21:00–08:00 Europe/Stockholm` and the earliest moment iP.1 may deliver. */
function quietHoursFacts(request: IDataObject): IDataObject {
	const quiet = request.quietHours;
	if (!isPlainObject(quiet)) return {};
	return { quietHours: `${String(quiet.from)}–${String(quiet.until)} ${String(quiet.timeZone)}`, nextSendingAt: quiet.nextSendingAt ?? null };
}

/** The latest status's name ("Accepted", "DeliveredToHandset", …), or null when iP.1 gave none. */
function statusName(message: IDataObject | undefined): string | null {
	const status = message?.status;
	if (isPlainObject(status)) return typeof status.name === 'string' ? status.name : (toStatus(status.code)?.name ?? null);
	return toStatus(status)?.name ?? null;
}

function priceOf(message: IDataObject | undefined): IDataObject {
	if (typeof message?.price !== 'number') return {};
	return { price: message.price, ...(typeof message.currency === 'string' ? { currency: message.currency } : {}) };
}

interface BilledFacts {
	billedEncoding?: string;
	billedSegments?: number;
}

/**
 * What iP.1's message document says it stored. Shown beside ours (in `detail`), never instead of
 * them: an API reading may store a GSM text of a ucs request as GSM, another as UCS-2; only its own
 * documents tell.
 */
function billedFacts(message: IDataObject | undefined): BilledFacts {
	const facts: BilledFacts = {};
	if (typeof message?.datacoding === 'string') facts.billedEncoding = message.datacoding;
	const segments = Number(message?.segments);
	if (Number.isInteger(segments) && segments > 0) facts.billedSegments = segments;
	return facts;
}

function billingDifference(requested: TextFacts, billed: BilledFacts): string | undefined {
	const encodingDiffers = billed.billedEncoding !== undefined && billed.billedEncoding !== requested.encoding;
	const segmentsDiffer = billed.billedSegments !== undefined && billed.billedSegments !== requested.segments;
	if (!encodingDiffers && !segmentsDiffer) return undefined;
	return (
		`The send requested ${requested.encoding} (${parts(requested.segments)} per recipient), but iP.1 reports ` +
		`${billed.billedEncoding ?? requested.encoding} (${parts(billed.billedSegments ?? requested.segments)}) for this message ` +
		'(detail.billedEncoding, detail.billedSegments). iP.1 bills by its own count.'
	);
}

function parts(count: number): string {
	return count === 1 ? '1 part' : `${count} parts`;
}

function unique<T>(list: T[]): T[] {
	return Array.from(new Set(list));
}
