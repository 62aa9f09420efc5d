import { resourceOperations } from '../common/operation';
import * as add from './add.operation';
import * as check from './check.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as remove from './remove.operation';

export const { description, operations } = resourceOperations('blacklist', 'add', { add, check, get, getAll, remove }, {
	add: ['Add', 'Block a number: it gets no more SMS from this account', 'Add a number to the blacklist'],
	check: ['Check', 'Find out whether a number is blocked', 'Check whether a number is blacklisted'],
	get: ['Get', 'Get a blacklist entry', 'Get a blacklist entry'],
	getAll: ['Get Many', 'List the blocked numbers', 'Get many blacklist entries'],
	remove: ['Remove', 'Unblock a number', 'Remove a number from the blacklist'],
});
