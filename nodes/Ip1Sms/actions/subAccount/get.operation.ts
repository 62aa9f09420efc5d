import { ip1ApiRequest } from '../../../shared/transport';
import { perItem } from '../common/operation';
import { normaliseAccount, readRevealKey, readSubAccountId, revealKeyOptions, subAccountIdField } from './subAccounts';

const fields = [subAccountIdField, revealKeyOptions];

export const { description, execute } = perItem('subAccount', 'get', fields, async function (itemIndex) {
	const path = `/api/me/children/${encodeURIComponent(readSubAccountId(this, itemIndex))}`;
	const account = await ip1ApiRequest.call(this, { method: 'GET', path, itemIndex });
	return normaliseAccount(account, readRevealKey(this, itemIndex));
});
