import { ip1ApiRequest } from '../../../shared/transport';
import { isDocument } from '../../../shared/values';
import { perItem } from '../common/operation';
import { contactPath, normaliseContact, readContactId } from './contacts';
import { contactIdField } from './fields';

export const { description, execute } = perItem('contact', 'delete', [contactIdField], async function (itemIndex) {
	const id = readContactId(this, itemIndex);
	const response = await ip1ApiRequest.call(this, { method: 'DELETE', path: contactPath(id), itemIndex });
	// The API answers with the deleted contact; an empty answer still means it is gone.
	return isDocument(response) ? { ...normaliseContact(response, true), deleted: true } : { id, deleted: true };
});
