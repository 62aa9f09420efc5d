import type { IDataObject, INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { toStatus } from '../../../../shared/dialect/documents';
import { maskUrlSecrets } from '../../../../shared/redaction';
import { isPlainObject } from '../../../../shared/values';
import type { PerItemSend } from '../1-read/items';
import type { AppliedQuietHours } from '../1-read/schedule';
import type { SendSettings } from '../1-read/settings';
import type { PlannedItem } from '../2-plan/requests';
import type { SentBatch } from '../3-send/sentBatch';
import { countSegments, type Encoding, type SegmentCount } from '../gsm';

/**
 * The outputs of one input item: one per recipient, flat, in the order a person reads them (`to`, `messageId`,
 * `status`, `text`, `segments`, `encoding`, `batchId`, `reference`, `price`), then `warnings`, and the rest — the
 * request as sent, iP.1's figures and answer — under `detail`. Parts are counted in the datacoding requested: never
 * cheaper than asked for (a GSM text sent as ucs may be billed as UCS-2). `sent`: the batches that carried the
 * item, in sending order; `batchByRecipient`: each recipient's, where One SMS per Item knows it.
 */
export function itemOutputs(
	item: PerItemSend | PlannedItem,
	datacoding: Encoding,
	sent: SentBatch[],
	batchByRecipient?: Map<string, SentBatch>,
): IDataObject[] {
	const { settings, msisdns } = item;
	const request = readableRequest(settings, msisdns.length, sent[0]?.reference ?? '', datacoding);
	if ('values' in item) {
		request.values = item.values;
		if (Object.keys(item.defaults).length > 0) request.defaults = item.defaults;
	}
	const text = 'text' in item ? item.text : settings.text;
	const duplicatesRemoved = 'duplicatesRemoved' in item ? item.duplicatesRemoved : undefined;
	const report: ItemReport = { settings, text, sent, request, duplicatesRemoved, requested: countSegments(text, datacoding) };
	return msisdns.map((to) => recipientOutput(report, to, batchByRecipient?.get(to) ?? batchHolding(sent, to)));
}

/** What every output of one input item shares. */
interface ItemReport {
	settings: SendSettings;
	/** The text the item's recipients got, and its parts in the datacoding sent. */
	text: string;
	requested: SegmentCount;
	sent: SentBatch[];
	request: IDataObject;
	duplicatesRemoved?: number;
}

/**
 * The request as `detail` shows it: readable enums, never the token. Recipients are counted, not
 * listed: 1,000 numbers copied into 1,000 items would grow the execution data by the square.
 * `encoding` is the datacoding sent; `encodingOption` the user's choice when it was Auto.
 */
function readableRequest(settings: SendSettings, recipientCount: number, reference: string, datacoding: Encoding): IDataObject {
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

/** The batch holding a recipient's message, else the only one. */
function batchHolding(sent: SentBatch[], to: string): SentBatch | undefined {
	return sent.find((batch) => batch.messagesByRecipient.has(to)) ?? (sent.length === 1 ? sent[0] : undefined);
}

function recipientOutput(input: ItemReport, to: string, batch?: SentBatch): IDataObject {
	const { requested } = input;
	const message = batch?.messagesByRecipient.get(to);
	const warnings = Array.from(new Set(batch ? batch.warnings : input.sent.flatMap((candidate) => candidate.warnings)));
	if (!message && input.sent.some((candidate) => candidate.messagesByRecipient.size > 0)) {
		warnings.push(`iP.1 returned no message for ${to}. Check the batch with Message → Get Many.`);
	}
	const billed = billedFacts(message);
	const billingWarning = billingDifference(requested, billed);
	if (billingWarning) warnings.push(billingWarning);
	const output: IDataObject = {
		to,
		messageId: message?.id === undefined ? null : String(message.id),
		status: statusName(message),
		text: input.text,
		segments: requested.segments,
		encoding: requested.encoding,
		batchId: batch?.batchId ?? null,
		reference: batch?.reference ?? input.sent[0]?.reference ?? null,
		...priceOf(message),
		...quietHoursFacts(input.settings.quietHours),
	};
	if (warnings.length > 0) output.warnings = warnings;
	if (input.settings.simplify) return output;
	output.detail = {
		characters: requested.characters,
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

/** Quiet Hours at a glance (Send and Send and Wait): `21:00–08:00 Europe/Stockholm`, and when iP.1 may deliver. */
export function quietHoursFacts(quiet: AppliedQuietHours | undefined): IDataObject {
	if (!quiet) return {};
	return { quietHours: `${quiet.from}–${quiet.until} ${quiet.timeZone}`, nextSendingAt: quiet.nextSendingAt };
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

/** What iP.1 says it stored, beside ours in `detail`: a reading may store a GSM text of a ucs request as either. */
function billedFacts(message: IDataObject | undefined): BilledFacts {
	const facts: BilledFacts = {};
	if (typeof message?.datacoding === 'string') facts.billedEncoding = message.datacoding;
	const segments = Number(message?.segments);
	if (Number.isInteger(segments) && segments > 0) facts.billedSegments = segments;
	return facts;
}

function billingDifference(requested: SegmentCount, billed: BilledFacts): string | undefined {
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

/**
 * The Delivery Report URL carries the trigger's secret (`?secret=`), and n8n stores every output and error: wherever
 * a send shows a URL (the request, the batch iP.1 echoes, an error) secret-looking query values are masked; the wire
 * keeps the real URL. Masked: any `…Url`, error texts and warnings; SMS texts and personalisation values are not.
 */
const MASKED_KEY = /url$|^error$|^errorDescription$|^warnings$/i;

export function maskOutputSecrets(items: INodeExecutionData[]): INodeExecutionData[] {
	return items.map((item) => ({ ...item, json: maskDocument(item.json) as IDataObject }));
}

function maskDocument(value: unknown, sensitive = false): unknown {
	if (typeof value === 'string') return sensitive ? maskUrlSecrets(value) : value;
	if (Array.isArray(value)) return value.map((entry) => maskDocument(entry, sensitive));
	if (value === null || typeof value !== 'object') return value;
	const masked: IDataObject = {};
	for (const [key, entry] of Object.entries(value as IDataObject)) {
		masked[key] = maskDocument(entry, sensitive || MASKED_KEY.test(key)) as IDataObject[string];
	}
	return masked;
}

/** Masks every text of an error the node throws: what the UI, the execution log and the logs show. */
export function maskErrorSecrets<E extends NodeApiError | NodeOperationError>(error: E): E {
	error.message = maskUrlSecrets(error.message);
	if (typeof error.description === 'string') error.description = maskUrlSecrets(error.description);
	if (typeof error.stack === 'string') error.stack = maskUrlSecrets(error.stack);
	error.messages = error.messages.map(maskUrlSecrets);
	if (error.errorResponse) error.errorResponse = maskDocument(error.errorResponse, true) as typeof error.errorResponse;
	if (error.cause instanceof Error) error.cause.message = maskUrlSecrets(error.cause.message);
	return error;
}
