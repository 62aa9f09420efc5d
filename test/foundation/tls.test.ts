/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- a test that makes its certificates with openssl and starts real TLS servers; never published */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import { PROBE_TYPE } from '../harness/probeNode';

// Real TLS failures, not mocked error objects: a local https server with a certificate n8n cannot
// trust, and the credential's Base URL pointed at it. What matters: the original code reaches the
// user, nothing is retried (a certificate does not fix itself), and a send says it was NOT sent.

const folder = mkdtempSync(join(tmpdir(), 'ip1sms-tls-'));
const token = ['tls', 'test', 'token', String(Date.now())].join('-');
const batch = JSON.stringify({ sender: 'iP1', recipients: ['46701234567'], body: 'Hello' });

function openssl(...args: string[]): void {
	try {
		execFileSync('openssl', args, { cwd: folder, stdio: 'pipe' });
	} catch (error) {
		throw new Error(`This test makes its certificates with openssl, which failed or is missing: ${String(error)}`);
	}
}

const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function selfSigned(): { key: Buffer; cert: Buffer } {
	openssl('req', '-x509', ...newKey, '-keyout', 'self.key', '-out', 'self.crt', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1');
	return { key: readFileSync(join(folder, 'self.key')), cert: readFileSync(join(folder, 'self.crt')) };
}

/** A leaf signed by a CA that nobody trusts (the server sends the leaf only). */
function signedByUnknownCa(): { key: Buffer; cert: Buffer } {
	openssl('req', '-x509', ...newKey, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=Unknown test CA');
	openssl('req', ...newKey, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=127.0.0.1');
	writeFileSync(join(folder, 'leaf.ext'), 'subjectAltName=IP:127.0.0.1\n');
	openssl('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'leaf.crt', '-days', '1', '-extfile', 'leaf.ext');
	return { key: readFileSync(join(folder, 'leaf.key')), cert: readFileSync(join(folder, 'leaf.crt')) };
}

interface CountingServer {
	url: string;
	/** TCP connections opened to it: one per attempt. */
	connections: number;
	/** HTTP requests that got through to the handler. */
	requests: number;
	server: Server;
}

async function listen(server: Server, scheme: 'http' | 'https', counted: Omit<CountingServer, 'url' | 'server'>): Promise<CountingServer> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const entry = Object.assign(counted, { url: `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`, server });
	server.on('connection', () => entry.connections++);
	return entry;
}

async function startHttps(credentials: { key: Buffer; cert: Buffer }): Promise<CountingServer> {
	const counted = { connections: 0, requests: 0 };
	const server = createHttpsServer(credentials, (_request, response) => {
		counted.requests++;
		response.setHeader('content-type', 'application/json');
		response.end('{}');
	});
	return await listen(server, 'https', counted);
}

async function startPlainHttp(): Promise<CountingServer> {
	const counted = { connections: 0, requests: 0 };
	const server = createHttpServer((_request, response) => {
		counted.requests++;
		response.end('{}');
	});
	return await listen(server, 'http', counted);
}

async function probe(baseUrl: string, parameters: INodeParameters) {
	return await runNode({ nodeType: PROBE_TYPE, parameters, credentials: { apiToken: token, baseUrl } });
}

const servers: CountingServer[] = [];
afterAll(async () => {
	await Promise.all(servers.map(({ server }) => new Promise<void>((resolve) => server.close(() => resolve()))));
	rmSync(folder, { recursive: true, force: true });
});

describe('TLS and certificate failures (real TLS servers on 127.0.0.1)', () => {
	let selfSignedServer: CountingServer;
	let unknownCaServer: CountingServer;
	beforeAll(async () => {
		selfSignedServer = await startHttps(selfSigned());
		unknownCaServer = await startHttps(signedByUnknownCa());
		servers.push(selfSignedServer, unknownCaServer);
	});

	test('a send to a self-signed certificate: the original code, one attempt, and the error says it was not sent', async () => {
		selfSignedServer.connections = 0;
		const result = await probe(selfSignedServer.url, { method: 'POST', path: '/v2/batches', body: batch, retry: 'send' });
		expect(result.error?.message).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
		expect(result.error?.message).toContain('self-signed certificate');
		expect(result.error?.message).toMatch(/not sent/);
		expect(result.error?.description).toMatch(/Nothing reached iP\.1/);
		expect(result.error?.description).not.toMatch(/may or may not/);
		expect(selfSignedServer.connections).toBe(1);
		expect(selfSignedServer.requests).toBe(0);
		expect(JSON.stringify(result.run)).not.toContain(token);
	});

	test('a read against a self-signed certificate is not retried either', async () => {
		selfSignedServer.connections = 0;
		const result = await probe(selfSignedServer.url, { path: '/api/me' });
		expect(result.error?.message).toMatch(/^Secure \(TLS\) connection to the iP\.1 API failed \(DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate\) on GET \/api\/me/);
		expect(selfSignedServer.connections).toBe(1);
	});

	test('a certificate from an unknown authority: UNABLE_TO_VERIFY_LEAF_SIGNATURE, one attempt', async () => {
		unknownCaServer.connections = 0;
		const result = await probe(unknownCaServer.url, { path: '/api/me' });
		expect(result.error?.message).toContain('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
		expect(unknownCaServer.connections).toBe(1);
		expect(unknownCaServer.requests).toBe(0);
	});

	test('https:// to a server that speaks plain HTTP: EPROTO with its message, one attempt', async () => {
		const plain = await startPlainHttp();
		servers.push(plain);
		const result = await probe(plain.url.replace(/^http:/, 'https:'), { path: '/api/me' });
		expect(result.error?.message).toContain('EPROTO');
		expect(result.error?.message).toMatch(/wrong version number/);
		expect(plain.connections).toBe(1);
	});
});

describe('a request that cannot be built', () => {
	test('an invalid Base URL: ERR_INVALID_URL with its message, not retried, a send says it was not sent', async () => {
		const started = Date.now();
		const result = await probe('http://exa mple.invalid', { method: 'POST', path: '/v2/batches', body: batch, retry: 'send' });
		expect(result.error?.message).toContain('ERR_INVALID_URL');
		expect(result.error?.message).toContain('Invalid URL');
		expect(result.error?.message).toMatch(/not sent/);
		expect(result.error?.description).not.toMatch(/may or may not/);
		// Five retries would have waited at least 3.9 s in backoff.
		expect(Date.now() - started).toBeLessThan(2000);
	});
});
