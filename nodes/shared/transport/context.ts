import { createHash } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { maskSecretValues } from '../redaction';

/** Every n8n context our nodes call the iP.1 API from. */
export type Ip1Context = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

export const CREDENTIAL_TYPE = 'ip1SmsApi';

export interface Ip1Connection {
	/** Base URL without a trailing slash. */
	baseUrl: string;
	/** Identifies the credential (one account: the limit is per account) for the rate limiter, without the token. */
	limiterKey: string;
	/** Masks the token and every `secret=` value (trigger URLs) wherever echoed (error texts): never in output or logs. */
	redact: (text: string) => string;
}

// One lookup per context: getCredentials decrypts every time it is called.
const connections = new WeakMap<object, Promise<Ip1Connection>>();

export async function getConnection(context: Ip1Context): Promise<Ip1Connection> {
	let connection = connections.get(context);
	if (!connection) {
		connection = context.getCredentials(CREDENTIAL_TYPE).then(toConnection);
		connections.set(context, connection);
		connection.catch(() => connections.delete(context));
	}
	return await connection;
}

export function toConnection(credentials: ICredentialDataDecryptedObject): Ip1Connection {
	const given = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	const baseUrl = (given || 'https://api.ip1sms.com').replace(/\/+$/, '');
	const token = typeof credentials.apiToken === 'string' ? credentials.apiToken : '';
	const tokenHash = createHash('sha256').update(token).digest('hex').slice(0, 16);
	const redact = (text: string) => maskSecretValues(token.length >= 4 ? text.split(token).join('***') : text);
	return { baseUrl, limiterKey: `${baseUrl}#${tokenHash}`, redact };
}
