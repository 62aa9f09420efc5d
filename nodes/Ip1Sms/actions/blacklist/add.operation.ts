import { putOnBlacklist } from '../../../shared/dialect/resources';
import { perItem } from '../common/operation';
import { numberFields, readBlacklistMsisdn } from './fields';

const fields = numberFields('The number that must not receive SMS from this account any more');

export const { description, execute } = perItem('blacklist', 'add', fields, async function (itemIndex) {
	return { ...(await putOnBlacklist(this, readBlacklistMsisdn(this, itemIndex), itemIndex)), blocked: true };
});
