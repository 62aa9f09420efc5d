import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { inputError } from '../../../../shared/errors/inputErrors';
import { INTERNATIONAL_FORMAT, splitRecipients, toMsisdn } from '../../../../shared/phoneNumbers';
import { readEveryItem, type EveryItem } from '../../common/items';
import { cachedParameterReader, type ParameterReader } from '../../common/parameters';
import { SEND } from '../fields';
import { nonGsmCharacters } from '../gsm';
import type { Clock } from './schedule';
import { composeSettings, MAX_TEXT_LENGTH, type SendSettings } from './settings';

/** One item of "One SMS per Item", valid: everything its requests need (msisdns in the order given, each once). */
export interface PerItemSend {
	settings: SendSettings;
	msisdns: string[];
	/** Repeats of a listed number, dropped. */
	duplicatesRemoved: number;
}

/** One item of "One Personalised Batch for All Items", valid: a recipient and its text. */
export interface PersonalisedSend extends Personalisation {
	itemIndex: number;
	settings: SendSettings;
	msisdns: string[];
}

type Validate<T> = (node: INode, read: ParameterReader, itemIndex: number, clock: Clock) => T;

/** Every item checked before the first request: without Continue On Fail one bad item stops all before anything is sent. */
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

/** How many invalid numbers one error message lists before it says "and N more". */
const LISTED = 5;

type Recipients = Pick<PerItemSend, 'msisdns' | 'duplicatesRemoved'>;

/**
 * One item's recipients (a list, a comma/semicolon/newline separated string, or an array) as MSISDNs,
 * each once (`+46 70…` and `070…` are one). An invalid number is an input error before any request.
 */
export function readRecipients(node: INode, itemIndex: number, raw: unknown, defaultCountryCode: string): Recipients {
	const entries = splitRecipients(raw);
	if (entries.length === 0) {
		throw inputError(node, itemIndex, {
			field: 'Recipients',
			rule: 'needs at least one phone number',
			fix: 'Enter the numbers with their country code (for example 46701234567 or +46 70 123 45 67), separated by commas or new lines, or map a field or an array from a previous node.',
			toolFix: 'Give at least one phone number in the international format (+46701234567); separate several with commas. Nothing was sent.',
		});
	}
	const read = entries.map((entry) => ({ entry, result: toMsisdn(entry, defaultCountryCode) }));
	const msisdns = Array.from(new Set(read.flatMap(({ result }) => (result.ok ? [result.msisdn] : []))));
	const invalid = read.flatMap(({ entry, result }) => (result.ok ? [] : [{ given: entry, ...result }]));
	if (invalid.length > 0) {
		const more = invalid.length > LISTED ? `; and ${invalid.length - LISTED} more` : '';
		const count = invalid.length === 1 ? 'an invalid phone number' : `${invalid.length} invalid phone numbers`;
		const listed = (reasonOf: (bad: (typeof invalid)[number]) => string) =>
			`has ${count}: ${invalid.slice(0, LISTED).map((bad) => `"${bad.given}" ${reasonOf(bad)}`).join('; ')}${more}`;
		throw inputError(node, itemIndex, {
			field: 'Recipients',
			rule: listed((bad) => bad.reason),
			fix: 'Write each number with its country code (46701234567, +46 70 123 45 67 or 0046 70 123 45 67), or set "Default Country Code" in the options for national numbers (070 123 45 67 with 46, (212) 555-0199 with 1). Nothing was sent for this item.',
			toolRule: listed((bad) => bad.toolReason ?? bad.reason),
			toolFix: `${INTERNATIONAL_FORMAT}, and call the tool again with every number written so. Nothing was sent.`,
		});
	}
	return { msisdns, duplicatesRemoved: entries.length - invalid.length - msisdns.length };
}

/*
 * `{name}` in the message is replaced per recipient. iP.1 v2 does not document the dictionary's
 * precedence; we follow v1's (own value, else `default`) and rely on nothing else: every placeholder
 * needs a field or a default (checked before sending), and a recipient with neither gets ''.
 */
export type PlaceholderValues = Record<string, string>;

const PLACEHOLDER = /\{([^{}\s]+)\}/g;
const NAME = /^[^{}\s]+$/;

/** What one item's recipient gets in personalised mode. */
export interface Personalisation {
	/** The message's placeholders, in order. */
	placeholders: string[];
	values: PlaceholderValues;
	/** The Default Values the message uses. */
	defaults: PlaceholderValues;
	/** The text this item's recipients receive. */
	text: string;
}

/** The item's Personalisation Fields and Default Values: every placeholder of the message covered. */
function composePersonalisation(node: INode, read: ParameterReader, itemIndex: number, settings: SendSettings): Personalisation {
	const fields = readPairs(read(SEND.personalisation, itemIndex));
	const defaults = readPairs(read(SEND.defaultValues, itemIndex));
	const badNames = [...fields.badNames, ...defaults.badNames];
	if (badNames.length > 0) {
		throw inputError(node, itemIndex, {
			field: 'Personalisation Fields',
			rule: 'has placeholder names that are empty or contain spaces or braces',
			value: badNames,
			fix: 'Name each field like its placeholder without braces: firstName for {firstName}.',
		});
	}
	const placeholders = placeholdersIn(settings.text);
	// A placeholder listed with an empty default is deliberate: it becomes empty text.
	const unmapped = placeholders.filter((name) => !fields.names.includes(name) && !defaults.names.includes(name));
	if (unmapped.length > 0) {
		throw inputError(node, itemIndex, {
			field: 'Message',
			rule: `has placeholders with no personalisation field and no default value: ${unmapped.map((name) => `{${name}}`).join(', ')}`,
			fix: 'Add a Personalisation Field (or a Default Value) for each placeholder, or correct its spelling in the message. Otherwise the braces would be sent as they are.',
		});
	}
	const values = recipientValues(placeholders, fields.values, defaults.values);
	const usedDefaults: PlaceholderValues = {};
	for (const name of placeholders) if (defaults.values[name] !== undefined) usedDefaults[name] = defaults.values[name];
	return { placeholders, values, defaults: usedDefaults, text: personalise(settings.text, values, usedDefaults) };
}

/** Distinct placeholder names in a text, in order of appearance. */
export function placeholdersIn(text: string): string[] {
	return Array.from(new Set(Array.from(text.matchAll(PLACEHOLDER), (match) => match[1])));
}

/** Name → value pairs of a fixedCollection (`{ values: [{ name, value }] }`) as strings; empty values left out. */
export function readPairs(collection: unknown): { names: string[]; values: PlaceholderValues; badNames: string[] } {
	const rows = ((collection as IDataObject | undefined)?.values ?? []) as IDataObject[];
	const names: string[] = [];
	const values: PlaceholderValues = {};
	const badNames: string[] = [];
	for (const row of Array.isArray(rows) ? rows : []) {
		const name = String(row.name ?? '').trim().replace(/^\{(.*)\}$/, '$1');
		if (!NAME.test(name)) {
			badNames.push(name);
			continue;
		}
		names.push(name);
		const value = textOf(row.value);
		if (value !== undefined) values[name] = value;
	}
	return { names, values, badNames };
}

/** A value as text (objects as JSON); undefined when empty. */
export function textOf(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
	return text === '' ? undefined : text;
}

export function personalise(text: string, values: PlaceholderValues, defaults: PlaceholderValues): string {
	return text.replace(PLACEHOLDER, (whole: string, name: string) => values[name] ?? defaults[name] ?? whole);
}

/** The values sent for one recipient: its own, and '' for each placeholder it lacks that no default covers. */
export function recipientValues(
	placeholders: string[],
	values: PlaceholderValues,
	defaults: PlaceholderValues,
): PlaceholderValues {
	const sent: PlaceholderValues = {};
	for (const name of placeholders) {
		if (values[name] !== undefined) sent[name] = values[name];
		else if (defaults[name] === undefined) sent[name] = '';
	}
	return sent;
}
