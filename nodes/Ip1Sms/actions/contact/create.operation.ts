import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1Request } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { optionsCollection } from '../common/fields';
import { forEachItem } from '../common/items';
import { getParameter, parameter } from '../common/parameters';
import { importAllItems, waitForImportOption } from './contactImport';
import { readImportResult } from '../../../shared/dialect/resources';
import { normaliseContact, readNewContact } from './contacts';
import { additionalContactFields, defaultCountryCodeOption, phoneNumberField } from './fields';

const importAllItemsField: INodeProperties = {
	displayName: 'Import All Items',
	name: 'importAllItems',
	type: 'boolean',
	default: false,
	description:
		'Whether to send the contacts of all input items in one request (an import), instead of one request per item. Use it for lists: 2,500 items make one request.',
};

const IMPORT_ALL_ITEMS = parameter<unknown>(importAllItemsField, false);

export const description: INodeProperties[] = forOperations('contact', ['create'], [
	importAllItemsField,
	phoneNumberField,
	additionalContactFields,
	optionsCollection([defaultCountryCodeOption, waitForImportOption]),
]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	if (getParameter(this, IMPORT_ALL_ITEMS, 0) === true) return await importAllItems(this, items);
	return await forEachItem(this, items, async (itemIndex) => {
		const contact = readNewContact(this, itemIndex);
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
