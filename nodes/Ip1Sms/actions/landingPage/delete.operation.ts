import { ip1ApiRequest } from '../../../shared/transport';
import { landingPageIdField, readLandingPageId } from '../common/fields';
import { perItem } from '../common/operation';

const fields = [landingPageIdField];

export const { description, execute } = perItem('landingPage', 'delete', fields, async function (itemIndex) {
	const id = readLandingPageId(this, itemIndex);
	// DELETE as on the Swedish page; the English pages' "POST" is a documentation error (as for the contact delete).
	await ip1ApiRequest.call(this, { method: 'DELETE', path: `/v2/landings/${encodeURIComponent(id)}`, itemIndex });
	return { id, deleted: true };
});
