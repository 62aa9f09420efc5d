import type { IDataObject } from 'n8n-workflow';

import { camelCaseKeys } from '../../../shared/dialect/documents';

/** `/api/me…` answers in PascalCase; we output camelCase with lowercase enums. */
export function normaliseAccountOverview(raw: IDataObject): IDataObject {
	const overview = camelCaseKeys(raw);
	if (typeof overview.type === 'string') overview.type = overview.type.toLowerCase();
	return overview;
}

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
