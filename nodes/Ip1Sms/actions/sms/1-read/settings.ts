import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../../../shared/errors/inputErrors';
import { isAbsoluteHttpUrl } from '../../../../shared/values';
import { checkedId } from '../../common/ids';
import type { ParameterReader } from '../../common/parameters';
import { SENDER_RULE } from '../../sender/senders';
import { SEND, SEND_OPTIONS } from '../fields';
import { nonGsmCharacters } from '../gsm';
import { applyQuietHours, readDeliveryWindows, type AppliedQuietHours, type Clock, type DeliveryWindow, type Problem } from './schedule';

export const MAX_TEXT_LENGTH = 2000;
const DEFAULT_RECIPIENTS_PER_REQUEST = 1000;
/** iP.1 documents no maximum per request; the sandbox refuses more than this. */
const MAX_RECIPIENTS_PER_REQUEST = 10_000;

type SmsType = 'sms' | 'flash';
/** `auto`: GSM when the text fits GSM-7, else Unicode — always sent explicitly as the chosen datacoding. */
export type RequestedEncoding = 'auto' | 'gsm' | 'ucs';
export type Priority = 'normal' | 'high';

/** Everything about a send except its recipients, validated. */
export interface SendSettings {
	sender: string;
	text: string;
	type: SmsType;
	encoding: RequestedEncoding;
	priority: Priority;
	deliveryWindows: DeliveryWindow[];
	/** Options → Quiet Hours, when set: the hours and the windows they became (deliveryWindows). */
	quietHours?: AppliedQuietHours;
	/** Options → Append Opt-Out Text, when set: already part of `text`. */
	optOutText?: string;
	deliveryReportUrl?: string;
	/** The user's reference; when absent one is generated per request. */
	reference?: string;
	tags: string[];
	defaultCountryCode: string;
	recipientsPerRequest: number;
	/** Read a batch's messages back when the send's answer carries no message IDs (3-send/sentBatch.ts). */
	lookUpMessageIds: boolean;
	/** One SMS per Item: items with the same batch options share requests (2-plan/requests.ts). */
	combineItems: boolean;
	/** Outputs without `detail` (the request as sent, iP.1's answer): see 4-report/output.ts. */
	simplify: boolean;
}

/** One entry of Options, by its definition. */
type OptionOf = (option: INodeProperties) => unknown;

/** The send settings of one item, each checked before any request (in the order the checks report). */
export function composeSettings(node: INode, read: ParameterReader, itemIndex: number, clock: Clock): SendSettings {
	const problem: Problem = (field, rule, value, fix) => inputError(node, itemIndex, { field, rule, value, fix });
	const sender = checkedId(node, itemIndex, read(SEND.sender, itemIndex), SENDER_RULE);
	const message = readText(read(SEND.message, itemIndex), problem);
	const options = (read(SEND.options, itemIndex) ?? {}) as IDataObject;
	const option: OptionOf = (entry) => options[entry.name];
	const choices = readChoices(option, problem);
	const { text, optOutText } = withOptOutText(message, option(SEND_OPTIONS.optOutText), choices.encoding, problem);
	const windows = readDeliveryWindows(option(SEND_OPTIONS.sendAt), option(SEND_OPTIONS.deliveryWindows), clock, problem);
	const quietHours = applyQuietHours(option(SEND_OPTIONS.quietHours), windows, clock, problem);
	const deliveryReportUrl = readDeliveryReportUrl(option, problem);
	const reference = String(option(SEND_OPTIONS.reference) ?? '').trim() || undefined;
	const tags = readTags(option(SEND_OPTIONS.tags));
	const recipientsPerRequest = readRecipientsPerRequest(option, problem);
	return {
		sender,
		text,
		...choices,
		deliveryWindows: quietHours?.deliveryWindows ?? windows,
		...(quietHours ? { quietHours } : {}),
		...(optOutText ? { optOutText } : {}),
		deliveryReportUrl,
		reference,
		tags,
		defaultCountryCode: String(option(SEND_OPTIONS.defaultCountryCode) ?? '').trim(),
		recipientsPerRequest,
		lookUpMessageIds: option(SEND_OPTIONS.lookUpMessageIds) !== false,
		combineItems: option(SEND_OPTIONS.combineItems) !== false,
		simplify: read(SEND.simplify, itemIndex) !== false,
	};
}

function readText(value: unknown, problem: Problem): string {
	const text = String(value ?? '');
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
	return text;
}

/** Type, Encoding and Priority: one of their values (any case), the first when unset. */
function readChoices(option: OptionOf, problem: Problem): Pick<SendSettings, 'type' | 'encoding' | 'priority'> {
	function choice<T extends string>(entry: INodeProperties, allowed: T[], fix: string): T {
		const value = option(entry);
		if (value === undefined || value === null || value === '') return allowed[0];
		const found = allowed.find((name) => name === String(value).trim().toLowerCase());
		if (found !== undefined) return found;
		const quoted = allowed.map((name) => `"${name}"`);
		const rule = `must be ${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
		throw problem(entry.displayName, rule, value, fix);
	}
	return {
		type: choice<SmsType>(SEND_OPTIONS.type, ['sms', 'flash'], 'Choose SMS or Flash.'),
		encoding: choice<RequestedEncoding>(SEND_OPTIONS.encoding, ['auto', 'gsm', 'ucs'], 'Choose Auto, GSM or Unicode.'),
		priority: choice<Priority>(SEND_OPTIONS.priority, ['normal', 'high'], 'Choose Normal or High.'),
	};
}

function readDeliveryReportUrl(option: OptionOf, problem: Problem): string | undefined {
	const url = String(option(SEND_OPTIONS.deliveryReportUrl) ?? '').trim() || undefined;
	if (url !== undefined && !isAbsoluteHttpUrl(url)) {
		throw problem(
			'Delivery Report URL',
			'must be an absolute http(s) URL',
			url,
			'Paste the production webhook URL shown by the iP.1 SMS Trigger node (Delivery Report event), e.g. https://n8n.example.com/webhook/…',
		);
	}
	return url;
}

function readTags(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map((tag) => String(tag)) : String(value ?? '').split(/[,\n]+/);
	return Array.from(new Set(parts.map((tag) => tag.trim()).filter((tag) => tag !== '')));
}

function readRecipientsPerRequest(option: OptionOf, problem: Problem): number {
	const given = option(SEND_OPTIONS.recipientsPerRequest);
	const count = Number(given ?? DEFAULT_RECIPIENTS_PER_REQUEST);
	if (!Number.isInteger(count) || count < 1 || count > MAX_RECIPIENTS_PER_REQUEST) {
		throw problem(
			'Recipients per Request',
			`must be a whole number from 1 to ${MAX_RECIPIENTS_PER_REQUEST}`,
			given,
			`Use ${DEFAULT_RECIPIENTS_PER_REQUEST} unless iP.1 support advised otherwise.`,
		);
	}
	return count;
}

const OPT_OUT_FIELD = 'Append Opt-Out Text';

/** Options → Append Opt-Out Text, on its own last line (not twice), before anything counts or checks the text. */
function withOptOutText(
	message: string,
	optOutText: unknown,
	encoding: RequestedEncoding,
	problem: Problem,
): { text: string; optOutText?: string } {
	const line = String(optOutText ?? '').trim();
	if (line === '') return { text: message };
	if (message.trimEnd().endsWith(line)) return { text: message, optOutText: line };
	const outside = encoding === 'gsm' ? nonGsmCharacters(line) : [];
	if (outside.length > 0) {
		throw problem(
			OPT_OUT_FIELD,
			`contains characters GSM cannot encode: ${outside.map((char) => `"${char}"`).join(' ')}`,
			line,
			'Write the opt-out text with GSM characters (Å, Ä, Ö, É are fine), or set "Encoding" to Auto or Unicode.',
		);
	}
	const text = `${message.trimEnd()}\n${line}`;
	if (text.length > MAX_TEXT_LENGTH) {
		throw problem(
			OPT_OUT_FIELD,
			`makes the message ${text.length} characters long; at most ${MAX_TEXT_LENGTH} are allowed`,
			line,
			'Shorten the message or the opt-out text: the opt-out text is appended on a new line and counts towards the limit.',
		);
	}
	return { text, optOutText: line };
}
