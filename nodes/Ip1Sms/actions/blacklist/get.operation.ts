import { perItem } from '../common/operation';
import { numberFields, readBlacklistMsisdn, requestEntry } from './fields';

const fields = numberFields('The blocked number to read (an error if it is not on the blacklist; use Check to test)');

export const { description, execute } = perItem('blacklist', 'get', fields, async function (itemIndex) {
	return await requestEntry(this, 'GET', readBlacklistMsisdn(this, itemIndex), itemIndex);
});
