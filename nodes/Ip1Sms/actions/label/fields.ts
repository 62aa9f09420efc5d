import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../../shared/errors/inputErrors';
import { listField } from '../common/fields';
import { idReader, matching, REQUIRED, type IdRule } from '../common/ids';
import { getParameter, listEntries, parameter } from '../common/parameters';

const labelNameField: INodeProperties = {
	displayName: 'Label',
	name: 'labelName',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'customers',
	description: 'The label to add; a new label is created by adding it',
};

const contactIdsField: INodeProperties = {
	displayName: 'Contact IDs',
	name: 'contactIds',
	type: 'string',
	required: true,
	default: '',
	placeholder: '606312a5d233ab8484e18404, 606312a5d233ab8484e18405',
	description: 'IDs of the contacts to label, separated by commas (an array from an expression works too)',
};

const combineItemsField: INodeProperties = {
	displayName: 'Combine All Items',
	name: 'combineItems',
	type: 'boolean',
	default: false,
	description:
		'Whether to collect the contact IDs of all input items and label them in one request (one per distinct label), instead of one request per item',
};

export const existingLabelField = listField(
	{ displayName: 'Label Name or ID', name: 'existingLabel', typeOptions: { loadOptionsMethod: 'getLabels' } },
	'The label to remove from every contact that carries it (the contacts stay).',
);

export const addToContactsFields = [labelNameField, contactIdsField, combineItemsField];

const CONTACT_IDS = parameter<unknown>(contactIdsField, '');
export const COMBINE_ITEMS = parameter<unknown>(combineItemsField, false);

const LABEL_RULE: IdRule = {
	field: 'Label',
	problem: matching(/\S/, REQUIRED, REQUIRED),
	fix: 'Enter the label, for example customers.',
};

export const readLabelToAdd = idReader(labelNameField, LABEL_RULE);
export const readLabelToDelete = idReader(existingLabelField, LABEL_RULE);

/** Contact IDs typed as `id1, id2` (or on separate lines) or mapped as an array. */
export function readContactIds(context: IExecuteFunctions, itemIndex: number): string[] {
	const raw = getParameter(context, CONTACT_IDS, itemIndex);
	const ids = listEntries(Array.isArray(raw) ? raw : String(raw ?? '').split(/[,;\s]+/));
	const problem = (rule: string, fix: string, value?: string) =>
		inputError(context.getNode(), itemIndex, { field: 'Contact IDs', rule, value, fix });
	if (ids.length === 0) {
		throw problem('is empty', 'Map the "id" of one or more contacts, separated by commas, or an array of IDs.');
	}
	const bad = ids.find((id) => /[/?#]/.test(id));
	if (bad) throw problem('must be contact IDs', 'Map the "id" field of contacts (Contact → Create or Get Many).', bad);
	return ids;
}
