import { ip1ApiRequest } from '../../../shared/transport';
import { isDocument } from '../../../shared/values';
import { nothingToChange, UPDATE_FIELDS } from '../common/fields';
import { perItem } from '../common/operation';
import { getParameter } from '../common/parameters';
import { buildContactWrite, contactPath, normaliseContact, readContactId, type ContactFields } from './contacts';
import { contactIdField, countryCodeOptions, updateContactFields } from './fields';

const fields = [contactIdField, updateContactFields, countryCodeOptions];

export const { description, execute } = perItem('contact', 'update', fields, async function (itemIndex) {
	const id = readContactId(this, itemIndex);
	const changes = getParameter(this, UPDATE_FIELDS, itemIndex) as ContactFields;
	const write = buildContactWrite(this, itemIndex, changes, 'patch');
	if (Object.keys(write.properties).length === 0 && write.labels === undefined) {
		const fix = 'Add the fields to change under Update Fields. A field added and left empty removes that property.';
		throw nothingToChange(this, itemIndex, fix);
	}
	// PATCH changes only what is sent; properties sent as null are removed.
	const body = { id, properties: write.properties, ...(write.labels ? { labels: write.labels } : {}) };
	const response = await ip1ApiRequest.call(this, { method: 'PATCH', path: contactPath(id), body, itemIndex });
	return isDocument(response) ? normaliseContact(response, true) : { ...body, updated: true };
});
