import type { IDataObject, INode } from 'n8n-workflow';

import { inputError } from '../../../../shared/errors/inputErrors';
import type { ParameterReader } from '../../common/parameters';
import { SEND } from '../fields';
import type { SendSettings } from './settings';

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
export function composePersonalisation(node: INode, read: ParameterReader, itemIndex: number, settings: SendSettings): Personalisation {
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

function textOf(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
	return text === '' ? undefined : text;
}

/** The text one recipient receives. */
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
