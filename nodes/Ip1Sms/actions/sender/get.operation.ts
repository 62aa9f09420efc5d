import { normaliseSender } from '../../../shared/dialect/resources';
import { perItem } from '../common/operation';
import { registeredSenderField, requestSender } from './senders';

const fields = [registeredSenderField('The registered sender to read')];

export const { description, execute } = perItem('sender', 'get', fields, async function (itemIndex) {
	const { sender, body } = await requestSender(this, 'GET', itemIndex);
	return normaliseSender(body, sender);
});
