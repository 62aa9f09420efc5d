import { normaliseBlacklistEntry } from '../../../shared/dialect/resources';
import { pagingFields, readCollection } from '../common/fields';
import { perItem } from '../common/operation';

export const { description, execute } = perItem('blacklist', 'getAll', pagingFields, async function (itemIndex) {
	const entries = await readCollection(this, itemIndex, { path: '/v2/blacklist' });
	return entries.map((entry) => normaliseBlacklistEntry(entry));
});
