import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../../../shared/errors/inputErrors';

const ACCOUNT_ID = /^ip1-\d+$/i;

export function readSubAccountId(context: IExecuteFunctions, itemIndex: number): string {
	const id = String(context.getNodeParameter('subAccountId', itemIndex, '')).trim();
	if (!ACCOUNT_ID.test(id)) {
		throw inputError(context.getNode(), itemIndex, {
			field: 'Sub-Account',
			rule: 'must be an iP.1 account ID: "ip1-" followed by digits',
			value: id,
			fix: 'Choose the sub-account from the list, or map its ID (for example ip1-10002) from a previous node.',
		});
	}
	return id;
}

export function readSubAccountName(context: IExecuteFunctions, itemIndex: number): string {
	const name = String(context.getNodeParameter('name', itemIndex, '')).trim();
	if (name.length < 1 || name.length > 100) {
		throw inputError(context.getNode(), itemIndex, {
			field: 'Name',
			rule: 'must be 1 to 100 characters',
			value: name,
			fix: 'Enter a short name such as the department or purpose of the sub-account.',
		});
	}
	return name;
}

export function readRevealKey(context: IExecuteFunctions, itemIndex: number): boolean {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return options.revealApiKey === true;
}
