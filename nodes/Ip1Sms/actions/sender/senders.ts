import type { IExecuteFunctions, ILoadOptionsFunctions, INodeProperties } from 'n8n-workflow';

import { readField } from '../../../shared/dialect/documents';
import { ip1ApiRequest, ip1PaginatedRequest } from '../../../shared/transport';
import { listField } from '../common/fields';
import { idReader, type IdRule } from '../common/ids';

export function registeredSenderField(description: string): INodeProperties {
	const typeOptions = { loadOptionsMethod: 'getSenders' };
	return listField({ displayName: 'Sender Name or ID', name: 'registeredSender', typeOptions }, `${description}.`);
}

export const newSenderField: INodeProperties = {
	displayName: 'Sender',
	name: 'sender',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'MyShop',
	description:
		'The sender name to register: 3–11 letters or digits (A–Z, a–z, 0–9), or a phone number of up to 15 digits without +',
};

/** What breaks the documented sender rules (3 to 11 of A–Z, a–z, 0–9, or at most 15 digits), or undefined. */
function senderProblem(sender: string): string | undefined {
	if (sender === '') return 'is required';
	if (/^\d+$/.test(sender)) return sender.length <= 15 ? undefined : 'as a number may have at most 15 digits';
	if (!/^[A-Za-z0-9]+$/.test(sender)) {
		return 'may only contain the letters A–Z and a–z and the digits 0–9 (no spaces, + or accents)';
	}
	if (sender.length < 3 || sender.length > 11) return 'must be 3 to 11 letters or digits';
	return undefined;
}

export const SENDER_RULE_HINT =
	'Use a sender registered on the account: 3–11 letters or digits (A–Z, a–z, 0–9), or a phone number of up to 15 digits without +. Trial accounts send as iP1 or iP1sms.';

/** Checked before any request wherever a sender is given (Sender operations, SMS → Send). */
export const SENDER_RULE: IdRule = { field: 'Sender', problem: senderProblem, fix: SENDER_RULE_HINT };

export const readNewSender = idReader(newSenderField, SENDER_RULE);
const readRegisteredSender = idReader(registeredSenderField(''), SENDER_RULE);

export async function requestSender(
	context: IExecuteFunctions,
	method: 'GET' | 'DELETE',
	itemIndex: number,
): Promise<{ sender: string; body: unknown }> {
	const sender = readRegisteredSender(context, itemIndex);
	const path = `/v2/me/senders/${encodeURIComponent(sender)}`;
	return { sender, body: await ip1ApiRequest.call(context, { method, path, itemIndex }) };
}

/** The names of the account's registered senders (alphabetical, as the API lists them). */
export async function registeredSenders(context: ILoadOptionsFunctions): Promise<string[]> {
	const { items } = await ip1PaginatedRequest.call(context, { path: '/v2/me/senders', returnAll: true });
	return items.map((entry) => String(readField(entry, 'sender') ?? '')).filter((sender) => sender !== '');
}
