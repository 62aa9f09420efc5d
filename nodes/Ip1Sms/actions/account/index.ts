import { resourceOperations } from '../common/operation';
import * as getDetails from './getDetails.operation';
import * as getOverview from './getOverview.operation';

export const { description, operations } = resourceOperations('account', 'getOverview', { getDetails, getOverview }, {
	getDetails: ['Get Details', 'Get the account ID, name, type, parent, balance and currency', 'Get account details'],
	getOverview: ['Get Overview', 'Get the account ID, organisation, type, balance and currency', 'Get account overview'],
});
