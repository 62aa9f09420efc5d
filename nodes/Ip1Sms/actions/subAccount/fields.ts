import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../common/fields';
import { parameter } from '../common/parameters';

export const subAccountIdField: INodeProperties = {
	displayName: 'Sub-Account Name or ID',
	name: 'subAccountId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getSubAccounts' },
	required: true,
	default: '',
	placeholder: 'ip1-10002',
	description:
		'The sub-account, as its ID (ip1- followed by digits). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const subAccountNameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'Support department',
	description: 'A name that tells what the sub-account is for, such as a department or a purpose (1–100 characters)',
};

export const revealApiKeyOption: INodeProperties = {
	displayName: 'Reveal API Key',
	name: 'revealApiKey',
	type: 'boolean',
	default: false,
	description:
		'Whether to output the sub-account\'s API key in full. Off by default: output items are stored in the execution log, so only reveal the key when the next node needs it.',
};

export const revealKeyOptions: INodeProperties = optionsCollection([revealApiKeyOption]);

export const SUB_ACCOUNT_ID = parameter<unknown>(subAccountIdField, '');
export const SUB_ACCOUNT_NAME = parameter<unknown>(subAccountNameField, '');
