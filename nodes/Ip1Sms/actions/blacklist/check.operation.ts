import { NodeApiError } from 'n8n-workflow';

import { asNodeError } from '../../../shared/errors/apiErrors';
import { perItem } from '../common/operation';
import { numberFields, readBlacklistMsisdn, requestEntry } from './fields';

const fields = numberFields('The number to look up: the output says whether it is blocked');

export const { description, execute } = perItem('blacklist', 'check', fields, async function (itemIndex) {
	const msisdn = readBlacklistMsisdn(this, itemIndex);
	try {
		return { ...(await requestEntry(this, 'GET', msisdn, itemIndex)), msisdn, blocked: true };
	} catch (error) {
		// Not on the blacklist is an answer here, not an error.
		if (error instanceof NodeApiError && error.httpCode === '404') return { msisdn, blocked: false };
		throw asNodeError(this.getNode(), error);
	}
});
