import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../../../shared/errors/inputErrors';
import { camelCaseKeys, readField } from '../../helpers/normalise';
import { utcTimestamps } from '../../helpers/timestamps';
import { isPlainObject } from '../../../shared/values';
import { SENDER_RULE_HINT, senderProblem } from './senders';

/** A sender name checked against the documented rules before any request. */
export function readSenderName(context: IExecuteFunctions, itemIndex: number, parameter: string): string {
	const sender = String(context.getNodeParameter(parameter, itemIndex, '') ?? '').trim();
	const problem = senderProblem(sender);
	if (problem) {
		throw inputError(context.getNode(), itemIndex, {
			field: 'Sender',
			rule: problem,
			value: sender === '' ? undefined : sender,
			fix: SENDER_RULE_HINT,
		});
	}
	return sender;
}

/** `{ sender, created }` whatever casing the API used; the name we sent fills in an empty answer. */
export function normaliseSender(raw: unknown, sender?: string): IDataObject {
	const document = isPlainObject(raw) ? utcTimestamps(camelCaseKeys(raw)) : {};
	const name = readField(document, 'sender') ?? readField(document, 'name') ?? sender;
	return { ...document, sender: name === undefined ? undefined : String(name) };
}
