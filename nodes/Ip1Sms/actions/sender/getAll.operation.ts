import { normaliseSender } from '../../../shared/dialect/resources';
import { pagingFields, readCollection } from '../common/fields';
import { perItem } from '../common/operation';

export const { description, execute } = perItem('sender', 'getAll', pagingFields, async function (itemIndex) {
	return (await readCollection(this, itemIndex, { path: '/v2/me/senders' })).map((sender) => normaliseSender(sender));
});
