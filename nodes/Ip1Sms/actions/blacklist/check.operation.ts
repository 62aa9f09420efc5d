import { unlessNotFound } from '../common/items';
import { perItem } from '../common/operation';
import { numberFields, readBlacklistMsisdn, requestEntry } from './fields';

const fields = numberFields('The number to look up: the output says whether it is blocked');

export const { description, execute } = perItem('blacklist', 'check', fields, async function (itemIndex) {
	const msisdn = readBlacklistMsisdn(this, itemIndex);
	// Not on the blacklist is an answer here, not an error.
	const entry = await unlessNotFound(this, requestEntry(this, 'GET', msisdn, itemIndex));
	return entry ? { ...entry, msisdn, blocked: true } : { msisdn, blocked: false };
});
