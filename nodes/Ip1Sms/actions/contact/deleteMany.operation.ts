import type { INodeProperties } from 'n8n-workflow';

import { readDeleted } from '../../../shared/dialect/resources';
import { inputError } from '../../../shared/errors/inputErrors';
import { ip1ApiRequest } from '../../../shared/transport';
import { perItem } from '../common/operation';
import { getParameter, parameter } from '../common/parameters';
import { contactFilterQuery, type ContactFilterFields } from './contactFilters';
import { normaliseContact } from './contacts';
import { FILTERS, filtersField } from './fields';

const deleteAllField: INodeProperties = {
	displayName: 'Delete All Contacts',
	name: 'deleteAll',
	type: 'boolean',
	default: false,
	description:
		'Whether to delete EVERY contact of the account when no filter is set. iP.1 deletes all contacts when the request has no filter, so the node refuses an empty filter unless this is on. With filters set, only matching contacts are deleted.',
};

const DELETE_ALL = parameter<unknown>(deleteAllField, false);

const fields = [filtersField('Delete only the contacts that match every filter'), deleteAllField];

export const { description, execute } = perItem('contact', 'deleteMany', fields, async function (itemIndex) {
	const filters = getParameter(this, FILTERS, itemIndex) as ContactFilterFields;
	const deleteAll = getParameter(this, DELETE_ALL, itemIndex) === true;
	const filter = contactFilterQuery(this.getNode(), itemIndex, filters);
	if (filter.empty && !deleteAll) {
		throw inputError(this.getNode(), itemIndex, {
			field: 'Filters',
			rule: 'are empty, and without a filter iP.1 deletes EVERY contact of the account',
			fix: 'Add a filter (labels, property values or metadata values). To really delete all contacts, switch on "Delete All Contacts".',
		});
	}
	const qs = filter.usesMetadata ? { ...filter.qs, meta: true } : filter.qs;
	// Never repeated automatically: a repeat would find nothing left and report 0 deleted.
	const request = { method: 'DELETE', path: '/v2/contacts', qs, retry: 'onceOnly', itemIndex } as const;
	const deleted = readDeleted(await ip1ApiRequest.call(this, request));
	return {
		deletedCount: deleted.count,
		allContacts: filter.empty,
		filter: filter.qs,
		deletedContacts: deleted.contacts.map((contact) => normaliseContact(contact, false)),
	};
});
