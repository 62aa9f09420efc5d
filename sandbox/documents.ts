import type { Datacoding } from './gsm';
import { phoneMetadata } from './phone';
import type {
	Account,
	BatchRecord,
	ContactRecord,
	Direction,
	LandingElementRecord,
	LandingRecord,
	MessageRecord,
	SmsType,
	StatusRecord,
} from './state';
import { roundMoney } from './state';
import type {
	BatchDocument,
	ContactDocument,
	CountDocument,
	DeliveryReportPayload,
	EnumValue,
	LandingDocument,
	LandingElementDocument,
	MessageDocument,
	SandboxVariants,
	StatusDocument,
} from './types';
import { formatTimestamp, type TimestampStyle } from './timestamps';

// Renders stored records as wire documents in the readings in force (enumerations, timestamps,
// status durations). The 'documented' enum style copies the casing of the documentation's own
// examples, which differs between batch and message documents (ambiguity 4).

export type EnumStyle = SandboxVariants['responseEnums'];
/** The switches that decide how a document looks; `core.variants` is one. */
export type RenderStyle = Pick<SandboxVariants, 'responseEnums' | 'timestamps' | 'statusDuration'>;

const TYPE_INT: Record<SmsType, number> = { sms: 1, flash: 0 };
const CODING_INT: Record<Datacoding, number> = { gsm: 0, ucs: 2 };
const DIRECTION_INT: Record<Direction, number> = { mt: 0, mo: 1 };

type Casing = 'upper' | 'lower';
interface EnumFields {
	direction: Direction;
	type: SmsType;
	datacoding: Datacoding;
}
type DocumentedCasing = Record<keyof EnumFields, Casing>;
const BATCH_CASING: DocumentedCasing = { direction: 'upper', type: 'lower', datacoding: 'upper' };
const MESSAGE_CASING: DocumentedCasing = { direction: 'lower', type: 'upper', datacoding: 'lower' };

function renderEnums(record: EnumFields, style: EnumStyle, documented: DocumentedCasing): Record<keyof EnumFields, EnumValue> {
	if (style === 'integers') {
		return { direction: DIRECTION_INT[record.direction], type: TYPE_INT[record.type], datacoding: CODING_INT[record.datacoding] };
	}
	const cased = (field: keyof EnumFields): string => {
		const casing = style === 'lowercase' ? 'lower' : style === 'uppercase' ? 'upper' : documented[field];
		return casing === 'upper' ? record[field].toUpperCase() : record[field];
	};
	return { direction: cased('direction'), type: cased('type'), datacoding: cased('datacoding') };
}

/** Statuses as sent: 'elapsedSeconds' reads `duration` as the seconds since the previous status. */
function renderStatuses(statuses: StatusRecord[], style: RenderStyle): StatusDocument[] {
	return statuses.map((status, index) => {
		const previous = index > 0 ? Date.parse(statuses[index - 1].created) : Date.parse(status.created);
		const duration =
			style.statusDuration === 'finalFlag' ? status.duration : Math.max(0, Math.round((Date.parse(status.created) - previous) / 1000));
		return { created: formatTimestamp(status.created, style.timestamps), code: status.code, duration };
	});
}

export function latestStatus(msg: MessageRecord): StatusRecord {
	return msg.statuses[msg.statuses.length - 1];
}

export function isFinalCode(code: number): boolean {
	return code >= 200;
}

export function messageDocument(
	msg: MessageRecord,
	account: Account,
	style: RenderStyle,
	history: 'full' | 'latest',
): MessageDocument {
	const enums = renderEnums(msg, style.responseEnums, MESSAGE_CASING);
	const rendered = renderStatuses(msg.statuses, style);
	const statuses = history === 'full' ? rendered : rendered.slice(-1);
	// Inbound messages carry no price, currency or reference in the documentation's example.
	const outgoing = msg.direction === 'mt';
	return {
		id: msg.id,
		batchId: msg.batchId,
		owner: msg.owner,
		sender: msg.sender,
		recipient: msg.recipient,
		body: msg.body,
		direction: enums.direction,
		segments: msg.segments,
		type: enums.type,
		datacoding: enums.datacoding,
		priority: msg.priority,
		...(outgoing ? { price: msg.price ?? 0, currency: account.currency } : {}),
		statuses,
		modified: formatTimestamp(msg.modified, style.timestamps),
		...(outgoing ? { reference: msg.reference } : {}),
		mcc: msg.mcc,
		mnc: msg.mnc,
	};
}

export function countByLatest(messages: MessageRecord[]): Record<string, CountDocument> {
	const summary: Record<string, CountDocument> = {};
	for (const msg of messages) {
		const code = String(latestStatus(msg).code);
		const entry = (summary[code] ??= { messages: 0, sms: 0 });
		entry.messages++;
		entry.sms += msg.segments;
	}
	return summary;
}

export function batchMessages(batch: BatchRecord, account: Account): MessageRecord[] {
	const out: MessageRecord[] = [];
	for (const id of batch.messageIds) {
		const msg = account.messages.get(id);
		if (msg) out.push(msg);
	}
	return out;
}

/** The lowest latest code among the batch's messages: the batch is as far as its slowest message. */
export function batchStatus(messages: MessageRecord[]): number {
	let lowest = Number.POSITIVE_INFINITY;
	for (const msg of messages) lowest = Math.min(lowest, latestStatus(msg).code);
	return Number.isFinite(lowest) ? lowest : 101;
}

export function batchDocument(batch: BatchRecord, account: Account, style: RenderStyle, withSummaries: boolean): BatchDocument {
	const messages = batchMessages(batch, account);
	const enums = renderEnums(batch, style.responseEnums, BATCH_CASING);
	const head = {
		id: batch.id,
		sender: batch.sender,
		body: batch.body,
		owner: batch.owner,
		direction: enums.direction,
		type: enums.type,
		datacoding: enums.datacoding,
		priority: batch.priority,
		templated: batch.templated,
	};
	const summaries: Pick<BatchDocument, 'priceSummary' | 'messageSummary'> = {};
	if (withSummaries) {
		const total = roundMoney(messages.reduce((sum, msg) => sum + (msg.price ?? 0), 0));
		summaries.priceSummary = {
			total,
			currency: account.currency,
			average: messages.length ? roundMoney(total / messages.length) : 0,
		};
		summaries.messageSummary = countByLatest(messages);
	}
	return {
		...head,
		...summaries,
		deliveryWindows: batch.deliveryWindows.map((w) => ({
			opens: formatTimestamp(w.opens, style.timestamps),
			closes: formatTimestamp(w.closes, style.timestamps),
		})),
		status: batchStatus(messages),
		deliveryReportUrl: batch.deliveryReportUrl,
		reference: batch.reference,
		tags: [...batch.tags],
		created: formatTimestamp(batch.created, style.timestamps),
	};
}

export function deliveryReport(
	msg: MessageRecord,
	status: StatusRecord,
	account: Account,
	style: Pick<SandboxVariants, 'dlrIdKey' | 'timestamps'>,
): DeliveryReportPayload {
	return {
		...(style.dlrIdKey === 'id' ? { id: msg.id } : { messageId: msg.id }),
		batchId: msg.batchId,
		recipient: msg.recipient,
		code: status.code,
		duration: status.duration,
		created: formatTimestamp(status.created, style.timestamps),
		segments: msg.segments,
		price: msg.price ?? 0,
		currency: account.currency.toLowerCase(),
		reference: msg.reference,
	};
}

export function contactDocument(contact: ContactRecord, account: Account, withMetadata: boolean): ContactDocument {
	return {
		id: contact.id,
		ownerId: contact.ownerId,
		properties: structuredClone(contact.properties),
		...(withMetadata ? { metadata: contactMetadata(contact, account) } : {}),
		labels: [...contact.labels],
	};
}

export function contactMetadata(contact: ContactRecord, account: Account): NonNullable<ContactDocument['metadata']> {
	const phone = contact.properties.phoneNumber;
	if (phone === undefined || phone === null) return {};
	return { phoneNumber: phoneMetadata(phone, (msisdn) => account.blacklist.has(msisdn)) };
}

export function elementDocument(element: LandingElementRecord): LandingElementDocument {
	return { type: element.type, id: element.id, ...structuredClone(element.fields) };
}

export function landingDocument(landing: LandingRecord, timestamps: TimestampStyle): LandingDocument {
	return {
		id: landing.id,
		name: landing.name,
		...structuredClone(landing.extra),
		views: { ...landing.views },
		link: landing.link,
		shortLink: landing.shortLink,
		lastModified: formatTimestamp(landing.lastModified, timestamps),
		elements: landing.elements.map(elementDocument),
	};
}
