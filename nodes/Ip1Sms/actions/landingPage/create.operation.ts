import { normaliseLandingPage } from '../../../shared/dialect/resources';
import { ip1ApiRequest } from '../../../shared/transport';
import { perItem } from '../common/operation';
import { additionalPageFields, pageNameField, readNewPage } from './fields';

const fields = [pageNameField, additionalPageFields];

export const { description, execute } = perItem('landingPage', 'create', fields, async function (itemIndex) {
	const body = readNewPage(this, itemIndex);
	return normaliseLandingPage(await ip1ApiRequest.call(this, { method: 'POST', path: '/v2/landings', body, itemIndex }));
});
