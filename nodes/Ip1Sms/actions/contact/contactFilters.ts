import type { IDataObject, INode } from 'n8n-workflow';

import { inputError } from '../../../shared/errors/inputErrors';
import { listEntries } from '../common/lists';

/** The "Filters" collection of Contact → Get Many and Delete Many. */
export interface ContactFilterFields extends IDataObject {
	labels?: string[] | string;
	propertyValues?: { property?: Array<{ name?: string; value?: unknown }> };
	metadataValues?: { metadata?: Array<{ path?: string; value?: unknown }> };
}

export interface ContactFilterQuery {
	/** Query parameters: `labels` (repeated), `properties[key]`, `metadata[dotted.path]`. */
	qs: IDataObject;
	/** True when nothing narrows the selection: a mass delete would remove every contact. */
	empty: boolean;
	/** Metadata filters are used: the request also asks for metadata (`meta`), see below. */
	usesMetadata: boolean;
}

const METADATA_PATH = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;

function text(value: unknown): string {
	if (value === undefined || value === null) return '';
	return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * The filter syntax of `GET/DELETE /v2/contacts` (section 12.3): `labels=<name>` (repeated for
 * several labels), `properties[<key>]=<value>`, `metadata[<dotted.path>]=<value>`. Values are
 * compared exactly as stored, so they are sent as typed.
 */
export function contactFilterQuery(node: INode, itemIndex: number, filters: ContactFilterFields): ContactFilterQuery {
	const qs: IDataObject = {};
	const labels = listEntries(filters.labels ?? []);
	// One label goes as a plain value, several as a repeated parameter.
	if (labels.length === 1) qs.labels = labels[0];
	if (labels.length > 1) qs.labels = labels;
	for (const entry of filters.propertyValues?.property ?? []) addPropertyFilter(node, itemIndex, qs, entry);
	for (const entry of filters.metadataValues?.metadata ?? []) addMetadataFilter(node, itemIndex, qs, entry);
	const usesMetadata = Object.keys(qs).some((key) => key.startsWith('metadata['));
	return { qs, empty: Object.keys(qs).length === 0, usesMetadata };
}

function addPropertyFilter(node: INode, itemIndex: number, qs: IDataObject, entry: { name?: string; value?: unknown }): void {
	const name = String(entry.name ?? '').trim();
	if (name === '' || /[[\]]/.test(name)) {
		throw inputError(node, itemIndex, {
			field: 'Filters → Property Values → Property',
			rule: name === '' ? 'is required' : 'may not contain [ or ]',
			value: name === '' ? undefined : name,
			fix: 'Choose a property from the list (phoneNumber, email...) or remove the empty row.',
		});
	}
	const key = `properties[${name}]`;
	if (key in qs) {
		throw inputError(node, itemIndex, {
			field: 'Filters → Property Values → Property',
			rule: 'is given twice (a contact has one value per property, so both can never match)',
			value: name,
			fix: 'Keep one row per property.',
		});
	}
	qs[key] = text(entry.value);
}

function addMetadataFilter(node: INode, itemIndex: number, qs: IDataObject, entry: { path?: string; value?: unknown }): void {
	const path = String(entry.path ?? '').trim().replace(/^metadata\./, '');
	if (!METADATA_PATH.test(path)) {
		throw inputError(node, itemIndex, {
			field: 'Filters → Metadata Values → Metadata',
			rule: path === '' ? 'is required' : 'must be a dotted path such as phoneNumber.isBlocked',
			value: path === '' ? undefined : path,
			fix: 'Choose a metadata field from the list, or write its path (phoneNumber.isBlocked, phoneNumber.phoneNumberType...).',
		});
	}
	const key = `metadata[${path}]`;
	if (key in qs) {
		throw inputError(node, itemIndex, {
			field: 'Filters → Metadata Values → Metadata',
			rule: 'is given twice',
			value: path,
			fix: 'Keep one row per metadata field.',
		});
	}
	qs[key] = text(entry.value);
}
