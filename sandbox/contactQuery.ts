import { contactMetadata } from './documents';
import type { Account, ContactRecord } from './state';
import type { JsonValue } from './types';

// Filters of GET/DELETE /v2/contacts (section 12.3). Undocumented details settled as (ambiguity 20):
// every condition must hold (AND), `labels` may repeat and then all must be carried, matching is
// an exact, case-sensitive string comparison, metadata filters work without `meta`.

export interface ContactFilter {
	labels: string[];
	properties: Array<[string, string]>;
	metadata: Array<[string, string]>;
}

const PROPERTY = /^properties\[(.+)\]$/;
const METADATA = /^metadata\[(.+)\]$/;

export function parseContactFilter(query: URLSearchParams): ContactFilter {
	const filter: ContactFilter = { labels: [], properties: [], metadata: [] };
	for (const [key, value] of query) {
		if (key === 'labels') filter.labels.push(value);
		const property = PROPERTY.exec(key);
		if (property) filter.properties.push([property[1], value]);
		const metadata = METADATA.exec(key);
		if (metadata) filter.metadata.push([metadata[1], value]);
	}
	return filter;
}

export function isEmptyFilter(filter: ContactFilter): boolean {
	return filter.labels.length === 0 && filter.properties.length === 0 && filter.metadata.length === 0;
}

export function valueAsString(value: JsonValue | undefined): string | undefined {
	if (value === undefined) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
	return JSON.stringify(value);
}

function lookup(root: unknown, dottedPath: string): unknown {
	let current: unknown = root;
	for (const part of dottedPath.split('.')) {
		if (typeof current !== 'object' || current === null) return undefined;
		current = (current as Record<string, unknown>)[part];
	}
	return current;
}

export function matchesFilter(contact: ContactRecord, account: Account, filter: ContactFilter): boolean {
	for (const label of filter.labels) if (!contact.labels.includes(label)) return false;
	for (const [key, expected] of filter.properties) {
		if (!Object.prototype.hasOwnProperty.call(contact.properties, key)) return false;
		if (valueAsString(contact.properties[key]) !== expected) return false;
	}
	if (filter.metadata.length > 0) {
		const metadata = contactMetadata(contact, account);
		for (const [path, expected] of filter.metadata) {
			const actual = lookup(metadata, path);
			if (typeof actual !== 'string' || actual !== expected) return false;
		}
	}
	return true;
}
