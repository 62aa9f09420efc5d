import { perItem } from '../common/operation';
import { numberFields, readBlacklistMsisdn, requestEntry } from './fields';

const fields = numberFields('The number that may receive SMS again');

export const { description, execute } = perItem('blacklist', 'remove', fields, async function (itemIndex) {
	return { ...(await requestEntry(this, 'DELETE', readBlacklistMsisdn(this, itemIndex), itemIndex)), removed: true };
});
