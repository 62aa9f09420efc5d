import { resourceOperations } from '../common/operation';
import * as deleteSetting from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as set from './set.operation';

const handlers = { delete: deleteSetting, get, getAll, set };

export const { description, operations } = resourceOperations('setting', 'get', handlers, {
	delete: ['Delete', 'Remove a setting: iP.1 falls back to its default or switches the feature off', 'Delete a setting'],
	get: ['Get', 'Get the value of a setting', 'Get a setting'],
	getAll: ['Get Many', 'List the SMS settings of the account, one item per setting', 'Get many settings'],
	set: ['Set', 'Create or replace the value of a setting', 'Set a setting'],
});
