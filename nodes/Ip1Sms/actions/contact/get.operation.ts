import { ip1ApiRequest } from '../../../shared/transport';
import { optionsCollection, readOption } from '../common/fields';
import { perItem } from '../common/operation';
import { contactPath, normaliseContact, readContactId } from './contacts';
import { contactIdField, includeMetadataOption } from './fields';

const fields = [contactIdField, optionsCollection([includeMetadataOption])];

export const { description, execute } = perItem('contact', 'get', fields, async function (itemIndex) {
	const path = contactPath(readContactId(this, itemIndex));
	const includeMetadata = readOption(this, itemIndex, includeMetadataOption) === true;
	const qs = includeMetadata ? { meta: true } : undefined;
	return normaliseContact(await ip1ApiRequest.call(this, { method: 'GET', path, qs, itemIndex }), includeMetadata);
});
