import { ip1ApiRequest } from '../../../shared/transport';
import { perItem } from '../common/operation';
import {
	normaliseAccount,
	readRevealKey,
	readSubAccountId,
	readSubAccountName,
	revealKeyOptions,
	subAccountIdField,
	subAccountNameField,
} from './subAccounts';

const fields = [subAccountIdField, subAccountNameField, revealKeyOptions];

export const { description, execute } = perItem('subAccount', 'update', fields, async function (itemIndex) {
	const id = readSubAccountId(this, itemIndex);
	const body = { ID: id, Name: readSubAccountName(this, itemIndex) };
	const path = `/api/me/children/${encodeURIComponent(id)}`;
	const account = await ip1ApiRequest.call(this, { method: 'PUT', path, body, itemIndex });
	return normaliseAccount(account, readRevealKey(this, itemIndex));
});
