import type { IExecuteFunctions } from 'n8n-workflow';

import { readOption } from '../common/fields';
import { matching, readId, type IdRule } from '../common/ids';
import { revealApiKeyOption, SUB_ACCOUNT_ID, SUB_ACCOUNT_NAME } from './fields';

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

export function readSubAccountId(context: IExecuteFunctions, itemIndex: number): string {
	return readId(context, itemIndex, SUB_ACCOUNT_ID, ACCOUNT_ID_RULE);
}

export function readSubAccountName(context: IExecuteFunctions, itemIndex: number): string {
	return readId(context, itemIndex, SUB_ACCOUNT_NAME, NAME_RULE);
}

export function readRevealKey(context: IExecuteFunctions, itemIndex: number): boolean {
	return readOption(context, itemIndex, revealApiKeyOption) === true;
}
