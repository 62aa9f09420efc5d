import type { IDataObject, INode } from 'n8n-workflow';

import { toEpochMs, toIsoUtc } from '../../shared/dateTimes';
import type { Encoding } from './gsm';
import { inputError } from '../../shared/errors/inputErrors';
import { isAbsoluteHttpUrl } from '../../shared/values';
import { resourceLocatorValue, type ParameterReader } from '../actions/common/parameters';
import { SENDER_RULE_HINT, senderProblem } from '../actions/sender/senders';

export const MAX_TEXT_LENGTH = 2000;
export const DEFAULT_RECIPIENTS_PER_REQUEST = 1000;
/** iP.1 documents no maximum per request; the sandbox refuses more than this. */
export const MAX_RECIPIENTS_PER_REQUEST = 10_000;
/** iP.1's own sample client closes a window a week after it opens when no end is given. */
const DEFAULT_WINDOW_MS = 7 * 24 * 3600 * 1000;

export type SmsType = 'sms' | 'flash';
/** `auto`: GSM when the text fits GSM-7, else Unicode — always sent explicitly as the chosen datacoding. */
export type RequestedEncoding = 'auto' | 'gsm' | 'ucs';
export type Priority = 'normal' | 'high';

export interface DeliveryWindow {
	opens: string;
	closes: string;
}

/** Everything about a send except its recipients, validated. */
export interface SendSettings {
	sender: string;
	text: string;
	type: SmsType;
	encoding: RequestedEncoding;
	priority: Priority;
	deliveryWindows: DeliveryWindow[];
	deliveryReportUrl?: string;
	/** The user's reference; when absent one is generated per request. */
	reference?: string;
	tags: string[];
	defaultCountryCode: string;
	recipientsPerRequest: number;
}

/**
 * Enum values on the wire, in the two forms iP.1 documents: the developer pages show lowercase
 * strings ("sms", "gsm"), the API portal types the fields as integers and iP.1's own sample
 * application sends integers. Which one the live API accepts is not documented, so a send tries one
 * and, when a 400 refuses it, the other (actions/sms/enumEncoding.ts). `priority` is an integer in
 * both. Responses are read in either form (helpers/normalise.ts).
 */
export type EnumForm = 'integers' | 'strings';

export const WIRE_TYPE: Record<EnumForm, Record<SmsType, number | string>> = {
	integers: { flash: 0, sms: 1 },
	strings: { flash: 'flash', sms: 'sms' },
};
export const WIRE_DATACODING: Record<EnumForm, Record<Encoding, number | string>> = {
	integers: { gsm: 0, ucs: 2 },
	strings: { gsm: 'gsm', ucs: 'ucs' },
};
export const WIRE_PRIORITY: Record<Priority, number> = { normal: 1, high: 2 };

export function readSendSettings(
	node: INode,
	read: ParameterReader,
	itemIndex: number,
	timeZone: string,
	now: number,
): SendSettings {
	const problem = (field: string, rule: string, value: unknown, fix: string) =>
		inputError(node, itemIndex, { field, rule, value, fix });

	const sender = String(resourceLocatorValue(read('sender', itemIndex, '')) ?? '').trim();
	const senderIssue = senderProblem(sender);
	if (senderIssue) throw problem('Sender', senderIssue, sender === '' ? undefined : sender, SENDER_RULE_HINT);

	const text = String(read('message', itemIndex, '') ?? '');
	if (text.trim() === '') {
		throw problem('Message', 'must not be empty or only spaces', undefined, 'Enter the text of the SMS, or map it from a previous node.');
	}
	if (text.length > MAX_TEXT_LENGTH) {
		throw problem(
			'Message',
			`may have at most ${MAX_TEXT_LENGTH} characters (it has ${text.length})`,
			undefined,
			'Shorten the text: iP.1 refuses longer messages. 2000 characters are already about 14 SMS parts.',
		);
	}

	const options = (read('options', itemIndex, {}) ?? {}) as IDataObject;
	const type = oneOf<SmsType>(options.type, ['sms', 'flash'], 'sms');
	const encoding = oneOf<RequestedEncoding>(options.encoding, ['auto', 'gsm', 'ucs'], 'auto');
	const priority = oneOf<Priority>(options.priority, ['normal', 'high'], 'normal');
	if (type === undefined) throw problem('Type', 'must be "sms" or "flash"', options.type, 'Choose SMS or Flash.');
	if (encoding === undefined) {
		throw problem('Encoding', 'must be "auto", "gsm" or "ucs"', options.encoding, 'Choose Auto, GSM or Unicode.');
	}
	if (priority === undefined) {
		throw problem('Priority', 'must be "normal" or "high"', options.priority, 'Choose Normal or High.');
	}

	const deliveryReportUrl = String(options.deliveryReportUrl ?? '').trim() || undefined;
	if (deliveryReportUrl !== undefined && !isAbsoluteHttpUrl(deliveryReportUrl)) {
		throw problem(
			'Delivery Report URL',
			'must be an absolute http(s) URL',
			deliveryReportUrl,
			'Paste the production webhook URL shown by the iP.1 SMS Trigger node (Delivery Report event), e.g. https://n8n.example.com/webhook/…',
		);
	}

	const reference = String(options.reference ?? '').trim() || undefined;
	const tags = readTags(options.tags);
	const recipientsPerRequest = Number(options.recipientsPerRequest ?? DEFAULT_RECIPIENTS_PER_REQUEST);
	if (!Number.isInteger(recipientsPerRequest) || recipientsPerRequest < 1 || recipientsPerRequest > MAX_RECIPIENTS_PER_REQUEST) {
		throw problem(
			'Recipients per Request',
			`must be a whole number from 1 to ${MAX_RECIPIENTS_PER_REQUEST}`,
			options.recipientsPerRequest,
			`Use ${DEFAULT_RECIPIENTS_PER_REQUEST} unless iP.1 support advised otherwise.`,
		);
	}

	return {
		sender,
		text,
		type,
		encoding,
		priority,
		deliveryWindows: readDeliveryWindows(options, timeZone, now, problem),
		deliveryReportUrl,
		reference,
		tags,
		defaultCountryCode: String(options.defaultCountryCode ?? '').trim(),
		recipientsPerRequest,
	};
}

function oneOf<T extends string>(value: unknown, allowed: T[], fallback: T): T | undefined {
	if (value === undefined || value === null || value === '') return fallback;
	const text = String(value).trim().toLowerCase();
	return allowed.find((entry) => entry === text);
}

export function readTags(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map((tag) => String(tag)) : String(value ?? '').split(/[,\n]+/);
	return Array.from(new Set(parts.map((tag) => tag.trim()).filter((tag) => tag !== '')));
}

type ProblemFactory = (field: string, rule: string, value: unknown, fix: string) => Error;

function readDeliveryWindows(options: IDataObject, timeZone: string, now: number, problem: ProblemFactory): DeliveryWindow[] {
	const rows = (((options.deliveryWindows as IDataObject | undefined)?.windows ?? []) as IDataObject[]).filter(
		(row) => row && (row.opens || row.closes),
	);
	const sendAt = options.sendAt;
	const hasSendAt = sendAt !== undefined && sendAt !== null && sendAt !== '';
	if (hasSendAt && rows.length > 0) {
		throw problem(
			'Send At',
			'cannot be combined with "Delivery Windows"',
			undefined,
			'Use "Send At" for one start time, or "Delivery Windows" for one or more periods, not both.',
		);
	}
	const pairs = hasSendAt ? [{ opens: sendAt, closes: undefined, field: 'Send At' }] : rows.map((row, index) => ({
		opens: row.opens,
		closes: row.closes,
		field: `Delivery Windows (window ${index + 1})`,
	}));
	return pairs.map(({ opens, closes, field }) => {
		const opensMs = toEpochMs(opens, timeZone);
		if (opensMs === undefined) {
			throw problem(field, 'needs a valid date and time to open', opens, 'Pick a date and time, or map an ISO-8601 value such as 2025-11-12T17:00:00Z.');
		}
		const hasCloses = closes !== undefined && closes !== null && closes !== '';
		const closesMs = hasCloses ? toEpochMs(closes, timeZone) : opensMs + DEFAULT_WINDOW_MS;
		if (closesMs === undefined) {
			throw problem(field, 'has an invalid closing date and time', closes, 'Pick a date and time, or leave "Closes" empty for one week after opening.');
		}
		if (closesMs <= opensMs) {
			throw problem(field, 'must close after it opens', { opens: toIsoUtc(opensMs), closes: toIsoUtc(closesMs) }, 'Set "Closes" later than "Opens".');
		}
		if (closesMs <= now) {
			throw problem(
				field,
				'is already over: every message would expire unsent',
				{ opens: toIsoUtc(opensMs), closes: toIsoUtc(closesMs) },
				'Choose a time in the future (times without a zone are read in the workflow\'s time zone).',
			);
		}
		return { opens: toIsoUtc(opensMs), closes: toIsoUtc(closesMs) };
	});
}
