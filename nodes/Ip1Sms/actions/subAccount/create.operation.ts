import { ip1ApiRequest } from '../../../shared/transport';
import { perItem } from '../common/operation';
import { normaliseAccount, readRevealKey, readSubAccountName, revealKeyOptions, subAccountNameField } from './subAccounts';

const fields = [subAccountNameField, revealKeyOptions];

export const { description, execute } = perItem('subAccount', 'create', fields, async function (itemIndex) {
	const body = { Name: readSubAccountName(this, itemIndex) };
	const revealKey = readRevealKey(this, itemIndex);
	// Creating twice would make two accounts: never retried after an unclear failure.
	const request = { method: 'POST', path: '/api/me/children', body, retry: 'onceOnly', itemIndex } as const;
	return normaliseAccount(await ip1ApiRequest.call(this, request), revealKey);
});
