import { resourceOperations } from '../common/operation';
import * as create from './create.operation';
import * as deleteContact from './delete.operation';
import * as deleteMany from './deleteMany.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getSummary from './getSummary.operation';
import * as replace from './replace.operation';
import * as update from './update.operation';

const handlers = { create, delete: deleteContact, deleteMany, get, getAll, getSummary, replace, update };

export const { description, operations } = resourceOperations('contact', 'create', handlers, {
	create: ['Create', 'Create one contact per item, or import all items in one request', 'Create a contact'],
	delete: ['Delete', 'Delete a contact', 'Delete a contact'],
	deleteMany: ['Delete Many', 'Delete every contact that matches a filter', 'Delete many contacts'],
	get: ['Get', 'Get a contact', 'Get a contact'],
	getAll: ['Get Many', 'List contacts, filtered by labels, property or metadata values', 'Get many contacts'],
	getSummary: ['Get Summary', 'Count the contacts and list the labels and properties in use', 'Get a contacts summary'],
	replace: ['Replace', 'Overwrite a whole contact: properties and labels not given are removed', 'Replace a contact'],
	update: ['Update', 'Change only the given fields of a contact', 'Update a contact'],
});
