import type { IExecuteFunctions } from 'n8n-workflow';

import { readId, type IdRule } from '../common/ids';
import type { Parameter } from '../common/parameters';

/**
 * The documented sender rules: alphanumeric A–Z, a–z, 0–9 with 3 to 11 characters, or numeric with
 * at most 15 digits. Returns what is wrong, or undefined when the sender is valid.
 */
export function senderProblem(sender: string): string | undefined {
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

export function readSenderName(context: IExecuteFunctions, itemIndex: number, parameter: Parameter<unknown>): string {
	return readId(context, itemIndex, parameter, SENDER_RULE);
}

