import { labelsFromMeta } from '../../../shared/dialect/resources';
import { ip1ApiRequest } from '../../../shared/transport';
import { pagingFields, readPaging } from '../common/fields';
import { perItem } from '../common/operation';

export const { description, execute } = perItem('label', 'getAll', pagingFields, async function (itemIndex) {
	const { limit = Number.POSITIVE_INFINITY } = readPaging(this, itemIndex);
	// Labels have no list endpoint of their own: the contacts summary lists them with their usage.
	const meta = await ip1ApiRequest.call(this, { method: 'GET', path: '/v2/contacts/meta', itemIndex });
	return labelsFromMeta(meta).slice(0, limit);
});
