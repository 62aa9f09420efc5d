import { optionsCollection, pagingFields, readCollection, readOption } from '../common/fields';
import { perItem } from '../common/operation';
import { getParameter } from '../common/parameters';
import { contactFilterQuery, type ContactFilterFields } from './contactFilters';
import { normaliseContact } from './contacts';
import { FILTERS, filtersField, includeMetadataOption } from './fields';

const fields = [
	...pagingFields,
	filtersField('Only contacts that match every filter'),
	optionsCollection([includeMetadataOption]),
];

export const { description, execute } = perItem('contact', 'getAll', fields, async function (itemIndex) {
	const filters = getParameter(this, FILTERS, itemIndex) as ContactFilterFields;
	const includeMetadata = readOption(this, itemIndex, includeMetadataOption) === true;
	const filter = contactFilterQuery(this.getNode(), itemIndex, filters);
	// Whether metadata filters need `meta` is undocumented: harmless, and left out of the output unless asked for.
	const qs = includeMetadata || filter.usesMetadata ? { ...filter.qs, meta: true } : filter.qs;
	const contacts = await readCollection(this, itemIndex, { path: '/v2/contacts', qs });
	return contacts.map((contact) => normaliseContact(contact, includeMetadata));
});
