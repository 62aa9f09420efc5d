import { resourceOperations } from '../common/operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const { description, operations } = resourceOperations('message', 'getAll', { get, getAll }, {
	get: ['Get', 'Get one message of a batch with its full status history', 'Get a message'],
	getAll: ['Get Many', 'List the messages of a batch (one per recipient) with their latest status', 'Get many messages'],
});
