import { resourceOperations } from '../common/operation';
import * as addToContacts from './addToContacts.operation';
import * as deleteLabel from './delete.operation';
import * as getAll from './getAll.operation';

const handlers = { addToContacts, delete: deleteLabel, getAll };

export const { description, operations } = resourceOperations('label', 'addToContacts', handlers, {
	addToContacts: ['Add to Contacts', 'Add a label to one or many contacts', 'Add a label to contacts'],
	delete: ['Delete', 'Remove a label from every contact that carries it', 'Delete a label'],
	getAll: ['Get Many', 'List the labels in use, with how many contacts carry each', 'Get many labels'],
});
