import type { INodeProperties } from 'n8n-workflow';

import { parameter } from '../common/parameters';

export const labelNameField: INodeProperties = {
	displayName: 'Label',
	name: 'labelName',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'customers',
	description: 'The label to add; a new label is created by adding it',
};

export const contactIdsField: INodeProperties = {
	displayName: 'Contact IDs',
	name: 'contactIds',
	type: 'string',
	required: true,
	default: '',
	placeholder: '606312a5d233ab8484e18404, 606312a5d233ab8484e18405',
	description: 'IDs of the contacts to label, separated by commas (an array from an expression works too)',
};

export const combineItemsField: INodeProperties = {
	displayName: 'Combine All Items',
	name: 'combineItems',
	type: 'boolean',
	default: false,
	description:
		'Whether to collect the contact IDs of all input items and label them in one request (one per distinct label), instead of one request per item',
};

export const existingLabelField: INodeProperties = {
	displayName: 'Label Name or ID',
	name: 'existingLabel',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getLabels' },
	required: true,
	default: '',
	description:
		'The label to remove from every contact that carries it (the contacts stay). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const LABEL_NAME = parameter<unknown>(labelNameField, '');
export const EXISTING_LABEL = parameter<unknown>(existingLabelField, '');
export const CONTACT_IDS = parameter<unknown>(contactIdsField, '');
export const COMBINE_ITEMS = parameter<unknown>(combineItemsField, false);
