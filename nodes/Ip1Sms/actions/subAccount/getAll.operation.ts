import type { IDataObject } from 'n8n-workflow';

import { collectionItems } from '../../../shared/dialect/paging';
import { ip1ApiRequest } from '../../../shared/transport';
import { pagingFields, readPaging } from '../common/fields';
import { perItem } from '../common/operation';
import { normaliseAccount, readRevealKey, revealKeyOptions } from './subAccounts';

const fields = [...pagingFields, revealKeyOptions];

export const { description, execute } = perItem('subAccount', 'getAll', fields, async function (itemIndex) {
	const { limit = Number.POSITIVE_INFINITY } = readPaging(this, itemIndex);
	const revealKey = readRevealKey(this, itemIndex);
	// /api/me/children is not a /v2 collection: one request returns every sub-account.
	const body = await ip1ApiRequest.call(this, { method: 'GET', path: '/api/me/children', itemIndex });
	return collectionItems<IDataObject>(body).slice(0, limit).map((account) => normaliseAccount(account, revealKey));
});
