import { resourceOperations } from '../common/operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as register from './register.operation';
import * as unregister from './unregister.operation';

const handlers = { get, getAll, register, unregister };

export const { description, operations } = resourceOperations('sender', 'getAll', handlers, {
	get: ['Get', 'Get a registered sender', 'Get a sender'],
	getAll: ['Get Many', 'List the registered senders', 'Get many senders'],
	register: ['Register', 'Register a sender name or number on the account', 'Register a sender'],
	unregister: ['Unregister', 'Remove a registered sender from the account', 'Unregister a sender'],
});
