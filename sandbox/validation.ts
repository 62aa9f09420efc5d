import { isoSeconds } from './clock';
import type { Datacoding } from './gsm';
import { isMsisdn } from './phone';
import { ProblemError, type FieldErrors } from './problems';
import type { DeliveryWindowRecord, SmsType } from './state';
import type { SandboxVariants } from './types';

/** Collects every problem of a request so the client learns them all in one 400. */
export class ValidationErrors {
	private readonly errors: FieldErrors = {};

	add(field: string, message: string): void {
		(this.errors[field] ??= []).push(message);
	}

	get empty(): boolean {
		return Object.keys(this.errors).length === 0;
	}

	throwIfAny(): void {
		if (!this.empty) throw new ProblemError(400, undefined, this.errors);
	}
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireObjectBody(body: unknown): Record<string, unknown> {
	if (!isPlainObject(body)) {
		throw new ProblemError(400, undefined, { $: ['The request body must be a JSON object.'] });
	}
	return body;
}

const ALPHANUMERIC_SENDER = /^[A-Za-z0-9]{3,11}$/;
const NUMERIC_SENDER = /^\d{1,15}$/;

/** Documented rules (section 2.2): digits up to 15, or 3–11 of A–Z a–z 0–9. */
export function senderProblem(sender: string): string | null {
	if (NUMERIC_SENDER.test(sender) || ALPHANUMERIC_SENDER.test(sender)) return null;
	if (/^\+?\d+$/.test(sender)) {
		return sender.startsWith('+')
			? `'${sender}' is not a valid sender: a numeric sender is digits only, without '+'.`
			: `'${sender}' is not a valid sender: a numeric sender has at most 15 digits.`;
	}
	return `'${sender}' is not a valid sender: use at most 15 digits, or 3 to 11 letters and digits (A-Z, a-z, 0-9).`;
}

export function msisdnProblem(value: string): string | null {
	return isMsisdn(value) ? null : `'${value}' is not a valid MSISDN: digits only (country code first, no '+'), 1 to 15 characters.`;
}

export function isAbsoluteHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?$/i;
const UTC_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?Z$/i;

/** ISO-8601 date-time; one without a zone designator is read as UTC (ambiguity 24). */
export function parseDateTime(value: unknown): number | null {
	if (typeof value !== 'string' || !ISO_DATE_TIME.test(value)) return null;
	const zoned = /(Z|[+-]\d{2}:\d{2})$/i.test(value) ? value : `${value}Z`;
	const ms = Date.parse(zoned);
	return Number.isNaN(ms) ? null : ms;
}

export function formatDateTime(ms: number): string {
	return ms % 1000 === 0 ? isoSeconds(ms) : new Date(ms).toISOString();
}

export const MAX_RECIPIENTS = 10_000;
export const MAX_BODY_LENGTH = 2000;
export const MAX_DELIVERY_WINDOWS = 10;
export const MAX_REFERENCE_LENGTH = 256;
const SEVEN_DAYS_MS = 7 * 24 * 3600 * 1000;

export interface RecipientInput {
	msisdn: string;
	/** Placeholder values of this recipient; null when the request was not templated. */
	values: Record<string, string> | null;
}

/** The readings that decide what POST /v2/batches accepts. */
export type SendRules = Pick<SandboxVariants, 'requestEnums' | 'templatingDefault' | 'windowCloses' | 'windowZone' | 'bodyLimit'>;

export interface SendRequest {
	sender: string;
	recipients: RecipientInput[];
	defaults: Record<string, string>;
	templated: boolean;
	body: string;
	type: SmsType;
	datacoding: Datacoding;
	priority: number;
	deliveryWindows: DeliveryWindowRecord[];
	deliveryReportUrl: string | null;
	reference: string | null;
	tags: string[];
}

/**
 * An enumeration in a form the reading refuses gets System.Text.Json's own words, as an ASP.NET API
 * with (strings) or without (integers) a string-enum converter answers.
 */
function refusedEnumForm(value: unknown, field: string, dotnetType: string, rules: SendRules, errors: ValidationErrors): boolean {
	const refused =
		(rules.requestEnums === 'strings' && typeof value === 'number') || (rules.requestEnums === 'integers' && typeof value === 'string');
	if (refused) errors.add(field, `The JSON value could not be converted to ${dotnetType}.`);
	return refused;
}

function parseType(value: unknown, rules: SendRules, errors: ValidationErrors): SmsType {
	if (value === undefined || value === null) return 'sms';
	if (refusedEnumForm(value, 'type', 'SmsType', rules, errors)) return 'sms';
	if (value === 1 || (typeof value === 'string' && value.toLowerCase() === 'sms')) return 'sms';
	if (value === 0 || (typeof value === 'string' && value.toLowerCase() === 'flash')) return 'flash';
	errors.add('type', "type must be 'sms' or 'flash' (or 1 = sms, 0 = flash).");
	return 'sms';
}

function parseDatacoding(value: unknown, rules: SendRules, errors: ValidationErrors): Datacoding {
	if (value === undefined || value === null) return 'ucs';
	if (refusedEnumForm(value, 'datacoding', 'Datacoding', rules, errors)) return 'ucs';
	if (value === 0 || (typeof value === 'string' && value.toLowerCase() === 'gsm')) return 'gsm';
	if (value === 2 || (typeof value === 'string' && value.toLowerCase() === 'ucs')) return 'ucs';
	errors.add('datacoding', "datacoding must be 'gsm' or 'ucs' (or 0 = gsm, 2 = ucs).");
	return 'ucs';
}

function parsePriority(value: unknown, errors: ValidationErrors): number {
	if (value === undefined || value === null) return 1;
	if (value === 1 || value === 2) return value;
	errors.add('priority', 'priority must be 1 (normal) or 2 (high).');
	return 1;
}

function parseRecipients(
	value: unknown,
	requireDefault: boolean,
	errors: ValidationErrors,
): { list: RecipientInput[]; defaults: Record<string, string>; templated: boolean } {
	const list: RecipientInput[] = [];
	const defaults: Record<string, string> = {};
	if (value === undefined || value === null) {
		errors.add('recipients', 'recipients is required.');
		return { list, defaults, templated: false };
	}
	if (Array.isArray(value)) {
		const seen = new Set<string>();
		for (const item of value) {
			if (typeof item !== 'string') {
				errors.add('recipients', `${JSON.stringify(item)} is not a valid MSISDN: recipients must be strings.`);
				continue;
			}
			const problem = msisdnProblem(item);
			if (problem) errors.add('recipients', problem);
			else if (!seen.has(item)) {
				seen.add(item);
				list.push({ msisdn: item, values: null });
			}
		}
		if (value.length === 0) errors.add('recipients', 'recipients must contain at least one number.');
		else if (list.length > MAX_RECIPIENTS) errors.add('recipients', `At most ${MAX_RECIPIENTS} recipients per request (got ${list.length}).`);
		return { list, defaults, templated: false };
	}
	if (!isPlainObject(value)) {
		errors.add('recipients', 'recipients must be an array of MSISDN strings or a templating object.');
		return { list, defaults, templated: false };
	}
	for (const [key, raw] of Object.entries(value)) {
		const values: Record<string, string> = {};
		if (!isPlainObject(raw)) {
			errors.add('recipients', `The placeholder values of '${key}' must be an object of strings.`);
		} else {
			for (const [name, placeholder] of Object.entries(raw)) {
				if (typeof placeholder === 'string') values[name] = placeholder;
				else errors.add('recipients', `The value of '${name}' for '${key}' must be a string.`);
			}
		}
		if (key === 'default') {
			Object.assign(defaults, values);
			continue;
		}
		const problem = msisdnProblem(key);
		if (problem) errors.add('recipients', problem);
		else list.push({ msisdn: key, values });
	}
	if (list.length === 0) errors.add('recipients', 'recipients must contain at least one number.');
	else if (list.length > MAX_RECIPIENTS) errors.add('recipients', `At most ${MAX_RECIPIENTS} recipients per request (got ${list.length}).`);
	if (requireDefault && !Object.prototype.hasOwnProperty.call(value, 'default')) {
		errors.add('recipients', "A templating dictionary must contain a 'default' entry with the fallback values.");
	}
	return { list, defaults, templated: true };
}

function windowTime(value: unknown, rules: SendRules): number | null {
	if (rules.windowZone === 'utc' && (typeof value !== 'string' || !UTC_DATE_TIME.test(value))) return null;
	return parseDateTime(value);
}

function parseWindows(value: unknown, rules: SendRules, errors: ValidationErrors): DeliveryWindowRecord[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) {
		errors.add('deliveryWindows', 'deliveryWindows must be an array of { opens, closes }.');
		return [];
	}
	if (value.length > MAX_DELIVERY_WINDOWS) {
		errors.add('deliveryWindows', `At most ${MAX_DELIVERY_WINDOWS} delivery windows.`);
		return [];
	}
	const windows: DeliveryWindowRecord[] = [];
	value.forEach((item: unknown, index) => {
		const field = `deliveryWindows[${index}]`;
		if (!isPlainObject(item)) {
			errors.add(field, 'A delivery window must be an object { opens, closes }.');
			return;
		}
		const zone = rules.windowZone === 'utc' ? ' in UTC with Z (e.g. 2025-11-12T17:00:00Z)' : '';
		const opensMs = windowTime(item.opens, rules);
		if (opensMs === null) {
			errors.add(`${field}.opens`, `opens is required and must be an ISO-8601 date-time${zone}.`);
			return;
		}
		let closesMs = opensMs + SEVEN_DAYS_MS;
		if (rules.windowCloses === 'required' && (item.closes === undefined || item.closes === null)) {
			errors.add(`${field}.closes`, 'closes is required.');
			return;
		}
		if (item.closes !== undefined && item.closes !== null) {
			const parsed = windowTime(item.closes, rules);
			if (parsed === null) {
				errors.add(`${field}.closes`, `closes must be an ISO-8601 date-time${zone}.`);
				return;
			}
			if (parsed <= opensMs) {
				errors.add(`${field}.closes`, 'closes must be later than opens.');
				return;
			}
			closesMs = parsed;
		}
		windows.push({ opens: formatDateTime(opensMs), closes: formatDateTime(closesMs), opensMs, closesMs });
	});
	return windows;
}

/**
 * Validates a send request completely; GSM encodability (and, with bodyLimit 'substituted', the
 * length) is checked later, after templating.
 */
export function validateSendRequest(input: unknown, rules: SendRules): SendRequest {
	const body = requireObjectBody(input);
	const errors = new ValidationErrors();

	let sender = '';
	if (typeof body.sender !== 'string' || body.sender === '') errors.add('sender', 'sender is required.');
	else {
		sender = body.sender;
		const problem = senderProblem(sender);
		if (problem) errors.add('sender', problem);
	}

	const recipients = parseRecipients(body.recipients, rules.templatingDefault === 'required', errors);

	let text = '';
	if (typeof body.body !== 'string' || body.body.trim() === '') {
		errors.add('body', 'body is required and must not be empty or whitespace only.');
	} else if (rules.bodyLimit === 'template' && body.body.length > MAX_BODY_LENGTH) {
		errors.add('body', `body must be at most ${MAX_BODY_LENGTH} characters (got ${body.body.length}).`);
	} else text = body.body;

	const type = parseType(body.type, rules, errors);
	const datacoding = parseDatacoding(body.datacoding, rules, errors);
	const priority = parsePriority(body.priority, errors);
	const deliveryWindows = parseWindows(body.deliveryWindows, rules, errors);

	let deliveryReportUrl: string | null = null;
	const dlr = body.deliveryReportUrl;
	if (dlr !== undefined && dlr !== null && dlr !== '') {
		if (typeof dlr !== 'string' || !isAbsoluteHttpUrl(dlr)) {
			errors.add('deliveryReportUrl', 'deliveryReportUrl must be an absolute http(s) URL.');
		} else deliveryReportUrl = dlr;
	}

	let reference: string | null = null;
	if (body.reference !== undefined && body.reference !== null) {
		if (typeof body.reference !== 'string') errors.add('reference', 'reference must be a string.');
		else if (body.reference.length > MAX_REFERENCE_LENGTH) {
			errors.add('reference', `reference must be at most ${MAX_REFERENCE_LENGTH} characters.`);
		} else reference = body.reference;
	}

	let tags: string[] = [];
	if (body.tags !== undefined && body.tags !== null) {
		if (!Array.isArray(body.tags) || body.tags.some((tag) => typeof tag !== 'string')) {
			errors.add('tags', 'tags must be an array of strings.');
		} else tags = body.tags as string[];
	}

	errors.throwIfAny();
	return {
		sender,
		recipients: recipients.list,
		defaults: recipients.defaults,
		templated: recipients.templated,
		body: text,
		type,
		datacoding,
		priority,
		deliveryWindows,
		deliveryReportUrl,
		reference,
		tags,
	};
}
