import { getSettings } from '../../../shared/dialect/settings';
import { pagingFields, readPaging } from '../common/fields';
import { perItem } from '../common/operation';

export const { description, execute } = perItem('setting', 'getAll', pagingFields, async function (itemIndex) {
	const { limit = Number.POSITIVE_INFINITY } = readPaging(this, itemIndex);
	// Settings are one document, not a paged collection: one item per setting, whether a map or a list came.
	return (await getSettings(this, itemIndex)).slice(0, limit);
});
