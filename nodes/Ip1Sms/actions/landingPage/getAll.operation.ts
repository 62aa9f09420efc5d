import { normaliseLandingPage } from '../../../shared/dialect/resources';
import { pagingFields, readCollection } from '../common/fields';
import { perItem } from '../common/operation';

export const { description, execute } = perItem('landingPage', 'getAll', pagingFields, async function (itemIndex) {
	return (await readCollection(this, itemIndex, { path: '/v2/landings' })).map(normaliseLandingPage);
});
