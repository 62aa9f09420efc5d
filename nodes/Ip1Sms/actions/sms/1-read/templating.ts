import type { IDataObject } from 'n8n-workflow';

/**
 * Personalised texts: `{name}` in the message is replaced per recipient. iP.1 v2 documents the
 * dictionary form of `recipients` but not its precedence; we follow the legacy v1 rule it inherits:
 * the recipient's own value, else the `default` value. We never rely on the undocumented rest:
 * every placeholder in the text must have a field or a default (checked before sending), and a
 * recipient whose value is missing gets the default or, without one, an explicit empty string.
 */
export type PlaceholderValues = Record<string, string>;

const PLACEHOLDER = /\{([^{}\s]+)\}/g;
const NAME = /^[^{}\s]+$/;

/** Distinct placeholder names in a text, in order of appearance. */
export function placeholdersIn(text: string): string[] {
	return Array.from(new Set(Array.from(text.matchAll(PLACEHOLDER), (match) => match[1])));
}

export function isPlaceholderName(name: string): boolean {
	return NAME.test(name);
}

/**
 * Name → value pairs from a fixedCollection (`{ values: [{ name, value }] }`). Values become
 * strings (the API takes strings only); null/undefined/empty values are "missing" and left out.
 */
export function readPairs(collection: unknown): { names: string[]; values: PlaceholderValues; badNames: string[] } {
	const rows = ((collection as IDataObject | undefined)?.values ?? []) as IDataObject[];
	const names: string[] = [];
	const values: PlaceholderValues = {};
	const badNames: string[] = [];
	for (const row of Array.isArray(rows) ? rows : []) {
		const name = String(row.name ?? '').trim().replace(/^\{(.*)\}$/, '$1');
		if (!isPlaceholderName(name)) {
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

/**
 * The values sent for one recipient: its own, plus an explicit empty string for every placeholder it
 * has no value for and no default covers (so the result never depends on undocumented API rules).
 */
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
