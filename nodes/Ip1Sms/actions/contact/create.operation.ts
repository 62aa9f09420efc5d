import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { readImportResult, type ImportResult } from '../../../shared/dialect/resources';
import { asNodeError } from '../../../shared/errors/apiErrors';
import { ip1ApiRequest, ip1Request } from '../../../shared/transport';
import { optionsCollection, readOption } from '../common/fields';
import { errorItem, readEveryItem, sortByItem } from '../common/items';
import { perItem } from '../common/operation';
import { getParameter, parameter } from '../common/parameters';
import { normaliseContact, readWholeContact } from './contacts';
import { additionalContactFields, defaultCountryCodeOption, phoneNumberField } from './fields';

/** iP.1 recommends synchronous imports (`?sync`) only below 1,000 contacts: more are refused before any request. */
const SYNC_IMPORT_LIMIT = 1000;

const importAllItemsField: INodeProperties = {
	displayName: 'Import All Items',
	name: 'importAllItems',
	type: 'boolean',
	default: false,
	description:
		'Whether to send the contacts of all input items in one request (an import), instead of one request per item. Use it for lists: 2,500 items make one request.',
};

const waitForImportOption: INodeProperties = {
	displayName: 'Wait for Import',
	name: 'waitForImport',
	type: 'boolean',
	default: false,
	description:
		'Whether to import synchronously and output the created contacts with their IDs. Only for fewer than 1,000 contacts, as iP.1 recommends. Off: iP.1 imports in the background and the node outputs how many contacts it accepted.',
	displayOptions: { show: { '/importAllItems': [true] } },
};

const IMPORT_ALL_ITEMS = parameter<unknown>(importAllItemsField, false);

function readNewContact(context: IExecuteFunctions, itemIndex: number) {
	return readWholeContact(context, itemIndex, {
		rule: 'is empty, and so is every other property: a contact needs at least one',
		fix: 'Map the phone number (or an email, a name or a custom property) of the contact.',
	});
}

const fields = [
	importAllItemsField,
	phoneNumberField,
	additionalContactFields,
	optionsCollection([defaultCountryCodeOption, waitForImportOption]),
];

const oneByOne = perItem('contact', 'create', fields, async function (itemIndex) {
	const contact = readNewContact(this, itemIndex);
	// One contact is far below the 1,000 iP.1 allows synchronously: wait, so the output has its ID.
	const request = { method: 'POST', path: '/v2/contacts', qs: { sync: true }, body: [contact], itemIndex } as const;
	const result = readImportResult(await ip1ApiRequest.call(this, request), 1);
	if (result.contacts && result.contacts.length > 0) return normaliseContact(result.contacts[0], true);
	// The API took the contact without returning it (background import).
	return { ...contact, accepted: true };
});

export const { description } = oneByOne;

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	if (getParameter(this, IMPORT_ALL_ITEMS, 0) === true) return await importAllItems(this, items);
	return await oneByOne.execute.call(this, items);
}

/** All items' contacts in one `POST /v2/contacts`; invalid items are reported, the rest go on (Continue On Fail). */
async function importAllItems(context: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const synchronous = readOption(context, 0, waitForImportOption) === true;
	const read = readEveryItem(context, items.length, (itemIndex) => readNewContact(context, itemIndex));
	const output = Array.from(read.errors, ([itemIndex, error]) => errorItem(error, itemIndex));
	const sources = Array.from(read.values.keys());
	const contacts = Array.from(read.values.values());
	if (contacts.length === 0) return output;

	const failAll = (error: unknown): INodeExecutionData[] => {
		if (!context.continueOnFail()) throw asNodeError(context.getNode(), error);
		return sortByItem([...output, ...sources.map((itemIndex) => errorItem(error, itemIndex))]);
	};
	if (synchronous && contacts.length >= SYNC_IMPORT_LIMIT) return failAll(tooManyToWaitFor(context, contacts.length));

	let response;
	try {
		const qs = synchronous ? { sync: true } : undefined;
		response = await ip1Request.call(context, { method: 'POST', path: '/v2/contacts', qs, body: contacts });
	} catch (error) {
		return failAll(error);
	}
	const result = readImportResult(response.body, contacts.length);
	return sortByItem([...output, ...importOutputs(result, sources, synchronous)]);
}

function tooManyToWaitFor(context: IExecuteFunctions, count: number): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`"Wait for Import" works for fewer than ${SYNC_IMPORT_LIMIT.toLocaleString('en')} contacts (got ${count.toLocaleString('en')})`,
		{
			description:
				'iP.1 recommends synchronous imports only below 1,000 contacts. Switch off Options → Wait for Import to import in the background, or split the items (Loop Over Items with a batch size of 999).',
		},
	);
}

/** One item per created contact when the API returned them all (in the order sent), else one summary item. */
function importOutputs(result: ImportResult, sources: number[], synchronous: boolean): INodeExecutionData[] {
	if (result.contacts && result.contacts.length === sources.length) {
		return result.contacts.map((contact, index) => ({
			json: normaliseContact(contact, true),
			pairedItem: { item: sources[index] },
		}));
	}
	return [
		{
			json: {
				accepted: result.accepted,
				submitted: sources.length,
				mode: synchronous && result.contacts ? 'synchronous' : 'background',
				...(result.contacts ? { contacts: result.contacts.map((contact) => normaliseContact(contact, true)) } : {}),
			},
			pairedItem: sources.map((item) => ({ item })),
		},
	];
}
