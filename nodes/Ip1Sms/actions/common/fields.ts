import type { IDataObject, IExecuteFunctions, INodeProperties, NodeOperationError } from 'n8n-workflow';

import { inputError } from '../../../shared/errors/inputErrors';
import { ip1PaginatedRequest, type CollectionQuery } from '../../../shared/transport';
import { documentIdRule, idReader, pathIdRule } from './ids';
import { getParameter, parameter } from './parameters';

/* Fields that several resources share, without display options: forOperations() (display.ts) adds them. */

/** "Return All" and "Limit" of a Get Many operation, as n8n's conventions name them. */
const returnAllField: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	default: 50,
	typeOptions: { minValue: 1 },
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

export const pagingFields: INodeProperties[] = [returnAllField, limitField];

const RETURN_ALL = parameter<boolean>(returnAllField);
const LIMIT = parameter<number>(limitField);

/** Return All, or the Limit (read only when Return All is off: n8n has no Limit otherwise). */
export function readPaging(context: IExecuteFunctions, itemIndex: number): { returnAll: boolean; limit?: number } {
	const returnAll = getParameter(context, RETURN_ALL, itemIndex);
	return { returnAll, limit: returnAll ? undefined : getParameter(context, LIMIT, itemIndex) };
}

/** The items of a /v2 collection, all or up to the Limit. */
export async function readCollection(
	context: IExecuteFunctions,
	itemIndex: number,
	query: Pick<CollectionQuery, 'path' | 'qs' | 'order'>,
): Promise<IDataObject[]> {
	const { items } = await ip1PaginatedRequest.call(context, { ...query, ...readPaging(context, itemIndex), itemIndex });
	return items;
}

export const orderField: INodeProperties = {
	displayName: 'Order',
	name: 'order',
	type: 'options',
	default: 'DESC',
	options: [
		{ name: 'Newest First', value: 'DESC' },
		{ name: 'Oldest First', value: 'ASC' },
	],
	description: 'Which end of the history to start from (by creation time)',
};

const ORDER = parameter<unknown>(orderField, 'DESC');

export function readOrder(context: IExecuteFunctions, itemIndex: number): 'ASC' | 'DESC' {
	return getParameter(context, ORDER, itemIndex) === 'ASC' ? 'ASC' : 'DESC';
}

/** A "collection" field, its entries added on demand: `head` is its display name, name and placeholder. */
export function collection(
	[displayName, name, placeholder]: readonly [string, string, string],
	options: INodeProperties[],
	description?: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder,
		default: {},
		...(description === undefined ? {} : { description }),
		options,
	};
}

/** A "fixedCollection" of repeatable rows of one kind (`row`: its display name and name). */
export function rowsField(
	[displayName, name, placeholder]: readonly [string, string, string],
	description: string,
	row: Pick<INodeProperties, 'displayName' | 'name'>,
	values: INodeProperties[],
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder,
		default: {},
		description,
		options: [{ ...row, values }],
	};
}

export const COLLECTIONS = {
	additionalFields: ['Additional Fields', 'additionalFields', 'Add Field'],
	updateFields: ['Update Fields', 'updateFields', 'Add Field'],
	options: ['Options', 'options', 'Add Option'],
} as const;

export const ADDITIONAL_FIELDS = parameter<IDataObject>({ name: COLLECTIONS.additionalFields[1] }, {});
export const UPDATE_FIELDS = parameter<IDataObject>({ name: COLLECTIONS.updateFields[1] }, {});

/** The "Options" collection; its entries are read by their own definitions (readOption). */
export function optionsCollection(options: INodeProperties[], description?: string): INodeProperties {
	return collection(COLLECTIONS.options, options, description);
}

/** n8n's sentence closing the description of every "Name or ID" field. */
const CHOOSE_OR_EXPRESSION =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.';

/** A required "Name or ID" field: chosen from a list (`typeOptions`), or an ID from an expression. */
export function listField(
	field: Pick<INodeProperties, 'displayName' | 'name' | 'typeOptions' | 'placeholder'>,
	description: string,
): INodeProperties {
	const { displayName, name, typeOptions, placeholder } = field;
	return {
		displayName,
		name,
		type: 'options',
		typeOptions,
		required: true,
		default: '',
		...(placeholder === undefined ? {} : { placeholder }),
		description: `${description} ${CHOOSE_OR_EXPRESSION}`,
	};
}

const OPTIONS_PARAMETER = parameter<IDataObject>({ name: COLLECTIONS.options[1] }, {});

export function readOption(context: IExecuteFunctions, itemIndex: number, option: INodeProperties): unknown {
	return getParameter(context, OPTIONS_PARAMETER, itemIndex)[option.name];
}

/** Options → Default Country Code where phone numbers are read (never guessed); `converted`: 070 123 45 67 with 46. */
export function defaultCountryCodeOption(converted = '46701234567'): INodeProperties {
	return {
		displayName: 'Default Country Code',
		name: 'defaultCountryCode',
		type: 'string',
		default: '',
		placeholder: '46',
		description: `Country calling code for numbers written the national way (46 for Sweden, 1 for the USA and Canada, 7 for Russia). They are read by that country's numbering plan, with or without its trunk prefix: with 46, 070 123 45 67 becomes ${converted}; with 7, 8 916 123-45-67 becomes ${converted.startsWith('+') ? '+' : ''}79161234567. A number that fits no reading, or fits two (a national number and one that already starts with a country code), is refused before anything is sent: write it with + and its country code. Without this option, numbers must include their country code.`,
	};
}

export function readDefaultCountryCode(context: IExecuteFunctions, itemIndex: number): string {
	return String(readOption(context, itemIndex, defaultCountryCodeOption()) ?? '').trim();
}

export function batchIdField(extra = ''): INodeProperties {
	return {
		displayName: 'Batch ID',
		name: 'batchId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '5bc86b6e85c7209830f96936',
		description: `The ID of the batch, as output by SMS → Send (batchId) or Batch → Get Many${extra}`,
	};
}

export const readBatchId = idReader(batchIdField(), documentIdRule('Batch ID'));

export const landingPageIdField = listField(
	{ displayName: 'Landing Page Name or ID', name: 'landingPageId', typeOptions: { loadOptionsMethod: 'getLandingPages' } },
	'The landing page.',
);

export const readLandingPageId = idReader(landingPageIdField, pathIdRule('Landing Page', '617e6a1ed233ab8484e18404'));

/** The error of an Update whose Update Fields hold nothing to change. */
export function nothingToChange(context: IExecuteFunctions, itemIndex: number, fix: string): NodeOperationError {
	return inputError(context.getNode(), itemIndex, {
		field: 'Update Fields',
		rule: 'are empty: there is nothing to change',
		fix,
	});
}
