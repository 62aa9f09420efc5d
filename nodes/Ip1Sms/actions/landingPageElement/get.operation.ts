import { normaliseElement } from '../../../shared/dialect/resources';
import { ip1ApiRequest } from '../../../shared/transport';
import { landingPageIdField } from '../common/fields';
import { perItem } from '../common/operation';
import { elementIdField, elementPath } from './fields';

const fields = [landingPageIdField, elementIdField];

export const { description, execute } = perItem('landingPageElement', 'get', fields, async function (itemIndex) {
	const path = elementPath(this, itemIndex);
	return normaliseElement(await ip1ApiRequest.call(this, { method: 'GET', path, itemIndex }));
});
