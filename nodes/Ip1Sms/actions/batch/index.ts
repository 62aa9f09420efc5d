import { resourceOperations } from '../common/operation';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const { description, operations } = resourceOperations('batch', 'get', { cancel, get, getAll }, {
	cancel: ['Cancel', 'Cancel the messages of a scheduled batch that are not sent yet', 'Cancel a batch'],
	get: ['Get', 'Get a batch with its price and how many messages are in each status', 'Get a batch'],
	getAll: ['Get Many', 'List sent batches, newest or oldest first', 'Get many batches'],
});
