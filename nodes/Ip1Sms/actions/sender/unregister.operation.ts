import { normaliseSender } from '../../../shared/dialect/resources';
import { perItem } from '../common/operation';
import { registeredSenderField, requestSender } from './senders';

const fields = [registeredSenderField('The sender to remove from the account')];

export const { description, execute } = perItem('sender', 'unregister', fields, async function (itemIndex) {
	const { sender, body } = await requestSender(this, 'DELETE', itemIndex);
	return { ...normaliseSender(body, sender), unregistered: true };
});
