import { ip1ApiRequest } from '../../../shared/transport';
import { perItem } from '../common/operation';
import { normaliseAccount } from '../subAccount/subAccounts';

export const { description, execute } = perItem('account', 'getDetails', [], async function (itemIndex) {
	const account = await ip1ApiRequest.call(this, { method: 'GET', path: '/api/me/account', itemIndex });
	// The account's own key is the credential's token: it is never revealed.
	return normaliseAccount(account, false);
});
