/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- a made-up Delivery Report Secret for tests, not a credential */
import type { INodeParameters } from 'n8n-workflow';

import type { LoggedRequest, SandboxHandle } from '../../../sandbox';
import type { SandboxCredentials } from '../../harness/engine';
import { TriggerHost, type TriggerHostOptions } from './triggerHost';
import { WebhookServer } from './webhookServer';
import './collectNode';

export const CALLBACK_SETTING = 'IncomingCallbackUrl';
export const STRONG_SECRET = 'dlr-secret-0123456789abcdef';

/** One webhook server per test file, on 127.0.0.1, closed afterAll. */
export function useWebhookServer(): { readonly server: WebhookServer } {
	const server = new WebhookServer();
	beforeAll(async () => await server.start());
	afterAll(async () => await server.close());
	return { server };
}

export function newHost(
	server: WebhookServer,
	credentials: SandboxCredentials,
	parameters: INodeParameters,
	options: Partial<TriggerHostOptions> = {},
): TriggerHost {
	return new TriggerHost({ server, credentials, parameters, ...options });
}

/** The account's IncomingCallbackUrl as the sandbox holds it (undefined = not set). */
export function callbackUrl(sandbox: SandboxHandle, credentials: SandboxCredentials): string | undefined {
	return sandbox.control.state(credentials.apiToken).settings[CALLBACK_SETTING];
}

/**
 * Sets the IncomingCallbackUrl the way another system (or the iP.1 portal) would, on whichever
 * settings path and in whichever body form the sandbox's reading takes.
 */
export async function setCallbackUrl(sandbox: SandboxHandle, credentials: SandboxCredentials, url: string): Promise<void> {
	const statuses: number[] = [];
	for (const path of ['/v2/me/sms/settings', '/me/sms/settings']) {
		for (const body of [{ value: url }, url]) {
			const response = await fetch(`${sandbox.url}${path}/${CALLBACK_SETTING}`, {
				method: 'PUT',
				headers: { authorization: `Bearer ${credentials.apiToken}`, 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			await response.arrayBuffer();
			if (response.status === 200) return;
			statuses.push(response.status);
		}
	}
	throw new Error(`Could not set the callback URL: ${statuses.join(', ')}`);
}

/** Requests this account made to the settings endpoints. */
export function settingsRequests(sandbox: SandboxHandle, credentials: SandboxCredentials, method?: string): LoggedRequest[] {
	const accountId = sandbox.control.state(credentials.apiToken).accountId;
	return sandbox.control.requests.filter(
		(request) =>
			request.accountId === accountId &&
			request.path.includes('/sms/settings') &&
			(method === undefined || request.method === method),
	);
}

/** Sends a batch with a delivery-report URL straight to the sandbox API (as the Send operation does). */
export async function sendBatch(
	sandbox: SandboxHandle,
	credentials: SandboxCredentials,
	recipients: string[],
	deliveryReportUrl: string,
): Promise<Array<{ id: string; batchId: string }>> {
	const response = await fetch(`${sandbox.url}/v2/batches`, {
		method: 'POST',
		headers: { authorization: `Bearer ${credentials.apiToken}`, 'content-type': 'application/json' },
		body: JSON.stringify({ sender: 'iP1', recipients, body: 'Hello from the test', deliveryReportUrl }),
	});
	if (response.status !== 201) throw new Error(`Send failed: ${response.status} ${await response.text()}`);
	return (await response.json()) as Array<{ id: string; batchId: string }>;
}

/** POSTs to a trigger URL like iP.1 would. */
export async function post(
	url: string,
	body: unknown,
	contentType = 'application/json; charset=utf-8',
): Promise<{ status: number; body: unknown }> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': contentType },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = text === '' ? undefined : JSON.parse(text);
	} catch {
		parsed = text;
	}
	return { status: response.status, body: parsed };
}

export function withSecretParam(url: string, secret: string): string {
	return `${url}?secret=${encodeURIComponent(secret)}`;
}

/** The secret in the account's IncomingCallbackUrl (what iP.1 posts with), or undefined. */
export function registeredSecret(sandbox: SandboxHandle, credentials: SandboxCredentials): string | undefined {
	const url = callbackUrl(sandbox, credentials);
	return url === undefined ? undefined : (new URL(url).searchParams.get('secret') ?? undefined);
}

/** Every string in `haystack` that contains one of `secrets` (empty = none leaked). */
export function leaksOf(haystack: Record<string, string>, secrets: string[]): string[] {
	return Object.entries(haystack)
		.filter(([, text]) => secrets.some((secret) => secret !== '' && text.includes(secret)))
		.map(([where]) => where);
}

/** The questions mark (`ip1Questions=`) a question asked now needs: the UTC day `days` days ahead. */
export function markDay(days: number): string {
	return new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);
}
