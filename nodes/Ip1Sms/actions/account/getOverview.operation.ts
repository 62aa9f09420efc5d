import type { IDataObject } from 'n8n-workflow';

import { normaliseAccountOverview } from '../../../shared/dialect/resources';
import { ip1ApiRequest } from '../../../shared/transport';
import { perItem } from '../common/operation';

export const { description, execute } = perItem('account', 'getOverview', [], async function (itemIndex) {
	const overview = await ip1ApiRequest.call(this, { method: 'GET', path: '/api/me', itemIndex });
	return normaliseAccountOverview(overview as IDataObject);
});
