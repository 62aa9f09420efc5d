import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parseLabelList } from '../contact/contacts';
import { inputError } from '../../../shared/errors/inputErrors';
import { readField } from '../../helpers/normalise';
import { isPlainObject } from '../../../shared/values';

export function readLabelName(context: IExecuteFunctions, itemIndex: number, parameter: string, field: string): string {
	const name = String(context.getNodeParameter(parameter, itemIndex, '') ?? '').trim();
	if (name === '') {
		throw inputError(context.getNode(), itemIndex, {
			field,
			rule: 'is required',
			fix: 'Enter the label, for example customers.',
		});
	}
	return name;
}

/** Contact IDs typed as `id1, id2` (or on separate lines) or mapped as an array. */
export function readContactIds(context: IExecuteFunctions, itemIndex: number): string[] {
	const raw = context.getNodeParameter('contactIds', itemIndex, '') as unknown;
	const ids = parseLabelList(Array.isArray(raw) ? raw : String(raw ?? '').split(/[,;\s]+/));
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
