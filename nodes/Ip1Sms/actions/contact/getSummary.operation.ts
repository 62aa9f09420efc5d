import { normaliseContactsMeta } from '../../../shared/dialect/resources';
import { ip1ApiRequest } from '../../../shared/transport';
import { perItem } from '../common/operation';

export const { description, execute } = perItem('contact', 'getSummary', [], async function (itemIndex) {
	return normaliseContactsMeta(await ip1ApiRequest.call(this, { method: 'GET', path: '/v2/contacts/meta', itemIndex }));
});
