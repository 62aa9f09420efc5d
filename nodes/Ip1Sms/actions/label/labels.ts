import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../../../shared/errors/inputErrors';
import { readField } from '../../../shared/dialect/documents';
import { isPlainObject } from '../../../shared/values';
import { matching, readId, REQUIRED, type IdRule } from '../common/ids';
import { listEntries } from '../common/lists';
import { getParameter, type Parameter } from '../common/parameters';
import { normaliseContactsMeta } from '../contact/contactsMeta';
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

/** `{ labelName, usageCount }` whatever casing the API used; the label we asked for when the body is empty. */
export function normaliseLabelSummary(body: unknown, labelName: string): IDataObject {
	if (!isPlainObject(body)) return { labelName };
	const usage = Number(readField(body, 'usageCount'));
	return {
		labelName: String(readField(body, 'labelName') ?? readField(body, 'name') ?? labelName),
		...(Number.isFinite(usage) ? { usageCount: usage } : {}),
	};
}

/** One entry per label: `{ labelName, usageCount }`. */
export function labelsFromMeta(raw: unknown): IDataObject[] {
	return (normaliseContactsMeta(raw).labels as IDataObject[])
		.map((label) => ({ ...label, labelName: String(label.labelName ?? label.name ?? ''), usageCount: Number(label.usageCount ?? 0) }))
		.filter((label) => label.labelName !== '');
}
