import { resourceOperations } from '../common/operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const { description, operations } = resourceOperations('landingPageElement', 'getAll', { get, getAll, update }, {
	get: ['Get', 'Get an element of a landing page', 'Get a landing page element'],
	getAll: ['Get Many', 'List the elements of a landing page', 'Get many landing page elements'],
	update: ['Update', 'Change the content or style of an element', 'Update a landing page element'],
});
