import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../../../shared/errors/inputErrors';
import { matching, readId, REQUIRED, type IdRule } from '../common/ids';
import { listEntries } from '../common/lists';
import { getParameter, type Parameter } from '../common/parameters';
import { CONTACT_IDS } from './fields';

const LABEL_RULE: IdRule = { field: 'Label', problem: matching(/\S/, REQUIRED, REQUIRED), fix: 'Enter the label, for example customers.' };

/** The label to add (Label) or to delete (Label Name or ID). */
export function readLabelName(context: IExecuteFunctions, itemIndex: number, parameter: Parameter<unknown>): string {
	return readId(context, itemIndex, parameter, LABEL_RULE);
}

/** Contact IDs typed as `id1, id2` (or on separate lines) or mapped as an array. */
export function readContactIds(context: IExecuteFunctions, itemIndex: number): string[] {
	const raw = getParameter(context, CONTACT_IDS, itemIndex);
	const ids = listEntries(Array.isArray(raw) ? raw : String(raw ?? '').split(/[,;\s]+/));
	if (ids.length === 0) {
		throw inputError(context.getNode(), itemIndex, {
			field: 'Contact IDs',
			rule: 'is empty',
			fix: 'Map the "id" of one or more contacts, separated by commas, or an array of IDs.',
		});
	}
	const bad = ids.find((id) => /[/?#]/.test(id));
	if (bad) {
		throw inputError(context.getNode(), itemIndex, {
			field: 'Contact IDs',
			rule: 'must be contact IDs',
			value: bad,
			fix: 'Map the "id" field of contacts (Contact → Create or Get Many).',
		});
	}
	return ids;
}

