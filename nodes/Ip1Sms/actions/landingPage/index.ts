import { resourceOperations } from '../common/operation';
import * as create from './create.operation';
import * as deletePage from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

const handlers = { create, delete: deletePage, get, getAll, update };

export const { description, operations } = resourceOperations('landingPage', 'getAll', handlers, {
	create: ['Create', 'Create a landing page', 'Create a landing page'],
	delete: ['Delete', 'Delete a landing page', 'Delete a landing page'],
	get: ['Get', 'Get a landing page with its elements, views and links', 'Get a landing page'],
	getAll: ['Get Many', 'List the landing pages', 'Get many landing pages'],
	update: ['Update', 'Change the name or other fields of a landing page', 'Update a landing page'],
});
