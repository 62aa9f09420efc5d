import { resourceOperations } from '../common/operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const { description, operations } = resourceOperations('subAccount', 'getAll', { create, get, getAll, update }, {
	create: ['Create', 'Create a sub-account with its own API key and balance', 'Create a sub account'],
	get: ['Get', 'Get one sub-account', 'Get a sub account'],
	getAll: ['Get Many', 'List the sub-accounts of this account', 'Get many sub accounts'],
	update: ['Update', 'Rename a sub-account', 'Update a sub account'],
});
