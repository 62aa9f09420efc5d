import { normaliseElement } from '../../../shared/dialect/resources';
import { landingPageIdField, pagingFields, readCollection, readLandingPageId } from '../common/fields';
import { perItem } from '../common/operation';

const fields = [landingPageIdField, ...pagingFields];

export const { description, execute } = perItem('landingPageElement', 'getAll', fields, async function (itemIndex) {
	const path = `/v2/landings/${encodeURIComponent(readLandingPageId(this, itemIndex))}/elements`;
	return (await readCollection(this, itemIndex, { path })).map(normaliseElement);
});
