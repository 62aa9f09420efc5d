import type { IDataObject } from 'n8n-workflow';

import { normaliseAccountOverview } from '../../../shared/dialect/resources';

/** An account's `Key` (an API key of that account) is masked unless revealed: output items end up in execution logs. */
export function normaliseAccount(raw: unknown, revealKey: boolean): IDataObject {
	const account = normaliseAccountOverview(raw as IDataObject);
	if (typeof account.key === 'string' && !revealKey) {
		account.key = maskSecret(account.key);
		account.keyMasked = true;
	}
	return account;
}

/** Keeps the last four characters so a user can tell keys apart without exposing them. */
function maskSecret(secret: string): string {
	if (secret.length <= 8) return '********';
	return `********${secret.slice(-4)}`;
}
