import type { IDataObject } from 'n8n-workflow';

import { normaliseAccountOverview } from '../../../shared/dialect/resources';


/**
 * Account objects carry `Key`, an API key of that account. It is masked unless the user asks to
 * reveal it: a key in an output item ends up in execution logs.
 */
export function normaliseAccount(raw: IDataObject, revealKey: boolean): IDataObject {
	const account = normaliseAccountOverview(raw);
	if (typeof account.key === 'string' && !revealKey) {
		account.key = maskSecret(account.key);
		account.keyMasked = true;
	}
	return account;
}

/** Keeps the last four characters so a user can tell keys apart without exposing them. */
export function maskSecret(secret: string): string {
	if (secret.length <= 8) return '********';
	return `********${secret.slice(-4)}`;
}
