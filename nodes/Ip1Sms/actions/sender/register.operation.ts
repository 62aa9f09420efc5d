import { registerSender } from '../../../shared/dialect/resources';
import { perItem } from '../common/operation';
import { newSenderField, readNewSender } from './senders';

export const { description, execute } = perItem('sender', 'register', [newSenderField], async function (itemIndex) {
	return await registerSender(this, readNewSender(this, itemIndex), itemIndex);
});
