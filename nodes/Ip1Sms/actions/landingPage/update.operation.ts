import { normaliseLandingPage } from '../../../shared/dialect/resources';
import { ip1ApiRequest } from '../../../shared/transport';
import { landingPageIdField, readLandingPageId } from '../common/fields';
import { perItem } from '../common/operation';
import { MANAGED_PAGE_FIELDS, readPageChanges, updatePageFields, withoutKeys } from './fields';

const fields = [landingPageIdField, updatePageFields];

export const { description, execute } = perItem('landingPage', 'update', fields, async function (itemIndex) {
	const path = `/v2/landings/${encodeURIComponent(readLandingPageId(this, itemIndex))}`;
	const changes = readPageChanges(this, itemIndex);
	// PUT replaces every field but elements, views and links: start from the current page to keep the others.
	const current = normaliseLandingPage(await ip1ApiRequest.call(this, { method: 'GET', path, itemIndex }));
	const body = { ...withoutKeys(current, MANAGED_PAGE_FIELDS), ...changes };
	return normaliseLandingPage(await ip1ApiRequest.call(this, { method: 'PUT', path, body, itemIndex }));
});
