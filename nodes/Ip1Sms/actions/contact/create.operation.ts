import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { SYNC_IMPORT_LIMIT, readImportResult } from './contactImport';
import { buildContactWrite, normaliseContact, readDefaultCountryCode, type ContactFields } from './contacts';
import { inputError } from '../../../shared/errors/inputErrors';
import { errorItem, forEachItem, withItemIndex } from '../common/items';
import { ip1Request } from '../../transport';
import { asNodeError } from '../../transport/apiErrors';
import { additionalContactFields, defaultCountryCodeOption, phoneNumberField } from './fields';

export const description: INodeProperties[] = [
	{
		displayName: 'Import All Items',
		name: 'importAllItems',
		type: 'boolean',
		default: false,
		description:
			'Whether to send the contacts of all input items in one request (an import), instead of one request per item. Use it for lists: 2,500 items make one request.',
		displayOptions: { show: { resource: ['contact'], operation: ['create'] } },
	},
	phoneNumberField(['create']),
	additionalContactFields(['create']),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['contact'], operation: ['create'] } },
		options: [
			defaultCountryCodeOption,
			{
				displayName: 'Wait for Import',
				name: 'waitForImport',
				type: 'boolean',
				default: false,
				description:
					'Whether to import synchronously and output the created contacts with their IDs. Only for fewer than 1,000 contacts, as iP.1 recommends. Off: iP.1 imports in the background and the node outputs how many contacts it accepted.',
				displayOptions: { show: { '/importAllItems': [true] } },
			},
		],
	},
];

/** The contact document of one item: `{ properties, labels }`. */
function readContact(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields: ContactFields = {
		phoneNumber: context.getNodeParameter('phoneNumber', itemIndex, '') as string,
		...(context.getNodeParameter('additionalFields', itemIndex, {}) as ContactFields),
	};
	const write = buildContactWrite(context.getNode(), itemIndex, fields, 'full', readDefaultCountryCode(context, itemIndex));
	if (Object.keys(write.properties).length === 0) {
		throw inputError(context.getNode(), itemIndex, {
			field: 'Phone Number',
			rule: 'is empty, and so is every other property: a contact needs at least one',
			fix: 'Map the phone number (or an email, a name or a custom property) of the contact.',
		});
	}
	return { properties: write.properties, labels: write.labels ?? [] };
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	if (this.getNodeParameter('importAllItems', 0, false) === true) return await importAllItems(this, items);
	return await forEachItem(this, items, async (itemIndex) => {
		const contact = readContact(this, itemIndex);
		// One contact is far below the 1,000 iP.1 allows synchronously: wait, so the output has its ID.
		const response = await ip1Request.call(this, {
			method: 'POST',
			path: '/v2/contacts',
			qs: { sync: true },
			body: [contact],
			itemIndex,
		});
		const result = readImportResult(response.body, 1);
		if (result.contacts && result.contacts.length > 0) return normaliseContact(result.contacts[0], true);
		// The API took the contact without returning it (background import).
		return { ...contact, accepted: true };
	});
}

/** All items' contacts in one `POST /v2/contacts`; invalid items are reported without stopping the rest (Continue On Fail). */
async function importAllItems(context: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const synchronous = (context.getNodeParameter('options', 0, {}) as IDataObject).waitForImport === true;
	const output: INodeExecutionData[] = [];
	const contacts: IDataObject[] = [];
	const sources: number[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			contacts.push(readContact(context, itemIndex));
			sources.push(itemIndex);
		} catch (error) {
			if (!context.continueOnFail()) throw withItemIndex(context, error, itemIndex);
			output.push(errorItem(error, itemIndex));
		}
	}
	if (contacts.length === 0) return output;

	const failAll = (error: unknown): INodeExecutionData[] => {
		if (!context.continueOnFail()) throw asNodeError(context.getNode(), error);
		return sortByItem([...output, ...sources.map((itemIndex) => errorItem(error, itemIndex))]);
	};
	if (synchronous && contacts.length >= SYNC_IMPORT_LIMIT) {
		return failAll(
			new NodeOperationError(
				context.getNode(),
				`"Wait for Import" works for fewer than ${SYNC_IMPORT_LIMIT.toLocaleString('en')} contacts (got ${contacts.length.toLocaleString('en')})`,
				{
					description:
						'iP.1 recommends synchronous imports only below 1,000 contacts. Switch off Options → Wait for Import to import in the background, or split the items (Loop Over Items with a batch size of 999).',
				},
			),
		);
	}

	let response;
	try {
		response = await ip1Request.call(context, {
			method: 'POST',
			path: '/v2/contacts',
			qs: synchronous ? { sync: true } : undefined,
			body: contacts,
		});
	} catch (error) {
		return failAll(error);
	}

	const result = readImportResult(response.body, contacts.length);
	if (result.contacts && result.contacts.length === contacts.length) {
		// The API returns the created contacts in the order they were sent.
		result.contacts.forEach((contact, index) =>
			output.push({ json: normaliseContact(contact, true), pairedItem: { item: sources[index] } }),
		);
		return sortByItem(output);
	}
	output.push({
		json: {
			accepted: result.accepted,
			submitted: contacts.length,
			mode: synchronous && result.contacts ? 'synchronous' : 'background',
			...(result.contacts ? { contacts: result.contacts.map((contact) => normaliseContact(contact, true)) } : {}),
		},
		pairedItem: sources.map((item) => ({ item })),
	});
	return sortByItem(output);
}

function firstItem(item: INodeExecutionData): number {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'number' ? paired : (paired?.item ?? 0);
}

function sortByItem(output: INodeExecutionData[]): INodeExecutionData[] {
	return output.sort((a, b) => firstItem(a) - firstItem(b));
}
