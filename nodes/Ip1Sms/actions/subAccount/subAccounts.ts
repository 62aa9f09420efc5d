import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { normaliseAccountOverview } from '../../../shared/dialect/resources';
import { listField, optionsCollection, readOption } from '../common/fields';
import { idReader, matching, type IdRule } from '../common/ids';

export const subAccountIdField = listField(
	{
		displayName: 'Sub-Account Name or ID',
		name: 'subAccountId',
		typeOptions: { loadOptionsMethod: 'getSubAccounts' },
		placeholder: 'ip1-10002',
	},
	'The sub-account, as its ID (ip1- followed by digits).',
);

export const subAccountNameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'Support department',
	description: 'A name that tells what the sub-account is for, such as a department or a purpose (1–100 characters)',
};

const revealApiKeyOption: INodeProperties = {
	displayName: 'Reveal API Key',
	name: 'revealApiKey',
	type: 'boolean',
	default: false,
	description:
		'Whether to output the sub-account\'s API key in full. Off by default: output items are stored in the execution log, so only reveal the key when the next node needs it.',
};

export const revealKeyOptions: INodeProperties = optionsCollection([revealApiKeyOption]);

const ACCOUNT_ID_RULE: IdRule = {
	field: 'Sub-Account',
	problem: matching(/^ip1-\d+$/i, 'must be an iP.1 account ID: "ip1-" followed by digits'),
	fix: 'Choose the sub-account from the list, or map its ID (for example ip1-10002) from a previous node.',
};

const NAME_RULE: IdRule = {
	field: 'Name',
	problem: (name) => (name.length < 1 || name.length > 100 ? 'must be 1 to 100 characters' : undefined),
	fix: 'Enter a short name such as the department or purpose of the sub-account.',
};

export const readSubAccountId = idReader(subAccountIdField, ACCOUNT_ID_RULE);
export const readSubAccountName = idReader(subAccountNameField, NAME_RULE);

export function readRevealKey(context: IExecuteFunctions, itemIndex: number): boolean {
	return readOption(context, itemIndex, revealApiKeyOption) === true;
}

/** An account's `Key` (an API key of that account) is masked unless revealed: output items end up in execution logs. */
export function normaliseAccount(raw: unknown, revealKey: boolean): IDataObject {
	const account = normaliseAccountOverview(raw as IDataObject);
	if (typeof account.key === 'string' && !revealKey) {
		account.key = maskSecret(account.key);
		account.keyMasked = true;
	}
	return account;
}

/** Keeps the last four characters so a user can tell keys apart without exposing them. */
function maskSecret(secret: string): string {
	if (secret.length <= 8) return '********';
	return `********${secret.slice(-4)}`;
}
