import { resourceOperations } from '../common/operation';
import * as getMessages from './getMessages.operation';
import * as getSummary from './getSummary.operation';

const handlers = { getMessages, getSummary };

export const { description, operations } = resourceOperations('conversation', 'getMessages', handlers, {
	getMessages: [
		'Get Messages',
		'Get the messages sent to and received from one phone number',
		'Get messages of a conversation',
	],
	getSummary: [
		'Get Summary',
		'Count the messages with one phone number by status and direction',
		'Get a conversation summary',
	],
});
