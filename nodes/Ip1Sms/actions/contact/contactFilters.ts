import type { IDataObject, INode } from 'n8n-workflow';

import { inputError } from '../../../shared/errors/inputErrors';
import { listEntries } from '../common/parameters';

/** The "Filters" collection of Contact → Get Many and Delete Many. */
export interface ContactFilterFields extends IDataObject {
	labels?: string[] | string;
	propertyValues?: { property?: Array<{ name?: string; value?: unknown }> };
	metadataValues?: { metadata?: Array<{ path?: string; value?: unknown }> };
}

interface ContactFilterQuery {
	/** Query parameters: `labels` (repeated), `properties[key]`, `metadata[dotted.path]`. */
	qs: IDataObject;
	/** True when nothing narrows the selection: a mass delete would remove every contact. */
	empty: boolean;
	/** Metadata filters are used: the request also asks for metadata (`meta`). */
	usesMetadata: boolean;
}

/** A kind of filter row: its query parameter, what is wrong with a key that is given, and how errors word it. */
const PROPERTY = {
	parameter: 'properties',
	field: 'Filters → Property Values → Property',
	problem: (name: string): string | undefined => (/[[\]]/.test(name) ? 'may not contain [ or ]' : undefined),
	fix: 'Choose a property from the list (phoneNumber, email...) or remove the empty row.',
	twice: 'is given twice (a contact has one value per property, so both can never match)',
	twiceFix: 'Keep one row per property.',
};

type FilterKind = typeof PROPERTY;

const METADATA: FilterKind = {
	parameter: 'metadata',
	field: 'Filters → Metadata Values → Metadata',
	problem: (path) =>
		/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/.test(path) ? undefined : 'must be a dotted path such as phoneNumber.isBlocked',
	fix: 'Choose a metadata field from the list, or write its path (phoneNumber.isBlocked, phoneNumber.phoneNumberType...).',
	twice: 'is given twice',
	twiceFix: 'Keep one row per metadata field.',
};

function text(value: unknown): string {
	if (value === undefined || value === null) return '';
	return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** `GET/DELETE /v2/contacts` filters (section 12.3); values are compared as stored, so sent as typed. */
export function contactFilterQuery(node: INode, itemIndex: number, filters: ContactFilterFields): ContactFilterQuery {
	const qs: IDataObject = {};
	const labels = listEntries(filters.labels ?? []);
	if (labels.length === 1) qs.labels = labels[0];
	if (labels.length > 1) qs.labels = labels;
	const addFilter = (kind: FilterKind, key: string, value: unknown) => {
		const problem = key === '' ? 'is required' : kind.problem(key);
		if (problem !== undefined) {
			throw inputError(node, itemIndex, { field: kind.field, rule: problem, value: key || undefined, fix: kind.fix });
		}
		const parameter = `${kind.parameter}[${key}]`;
		if (parameter in qs) {
			throw inputError(node, itemIndex, { field: kind.field, rule: kind.twice, value: key, fix: kind.twiceFix });
		}
		qs[parameter] = text(value);
	};
	for (const { name, value } of filters.propertyValues?.property ?? []) {
		addFilter(PROPERTY, String(name ?? '').trim(), value);
	}
	for (const { path, value } of filters.metadataValues?.metadata ?? []) {
		addFilter(METADATA, String(path ?? '').trim().replace(/^metadata\./, ''), value);
	}
	const usesMetadata = Object.keys(qs).some((key) => key.startsWith('metadata['));
	return { qs, empty: Object.keys(qs).length === 0, usesMetadata };
}
