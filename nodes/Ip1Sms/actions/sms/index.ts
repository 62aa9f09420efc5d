import { resourceOperations } from '../common/operation';
import * as send from './send.operation';
import * as sendAndWait from './sendAndWait/sendAndWait.operation';
import * as sendAndWaitForDelivery from './sendAndWait/sendAndWaitForDelivery.operation';

export { send, sendAndWait, sendAndWaitForDelivery };

export const { description } = resourceOperations('sms', 'send', { send, sendAndWait, sendAndWaitForDelivery }, {
	send: [
		'Send',
		'Send an SMS to one or many phone numbers, or personalised SMS to every input item, as iP.1 batches',
		'Send an SMS',
	],
	// = SEND_AND_WAIT_OPERATION of n8n-workflow: n8n's signed resume URLs and its AI-agent human-review tool
	// recognise the operation by this value.
	sendAndWait: [
		'Send and Wait for Response',
		'Send an SMS to one number and wait for the reply (approval or free text)',
		'Send an SMS and wait for the reply',
	],
	sendAndWaitForDelivery: [
		'Send and Wait for Delivery',
		'Send an SMS and wait until every recipient has a final delivery status',
		'Send an SMS and wait for delivery',
	],
});
