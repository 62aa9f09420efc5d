import { normaliseLandingPage } from '../../../shared/dialect/resources';
import { ip1ApiRequest } from '../../../shared/transport';
import { landingPageIdField, readLandingPageId } from '../common/fields';
import { perItem } from '../common/operation';

export const { description, execute } = perItem('landingPage', 'get', [landingPageIdField], async function (itemIndex) {
	const path = `/v2/landings/${encodeURIComponent(readLandingPageId(this, itemIndex))}`;
	return normaliseLandingPage(await ip1ApiRequest.call(this, { method: 'GET', path, itemIndex }));
});
