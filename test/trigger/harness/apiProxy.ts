/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only HTTP proxy on 127.0.0.1, never published */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the proxy received it, for `intercept`. */
export interface ProxiedRequest {
	method: string;
	path: string;
	body: string;
}

/** An answer the proxy gives instead of forwarding. */
export interface ProxyAnswer {
	status: number;
	body: string;
}

/**
 * Stands between the node and the sandbox, on 127.0.0.1, over real HTTP:
 * - `aliasToken(alias, token)`: a second API key of the same iP.1 account (what a user creates when
 *   rotating keys; the sandbox has one token per account), forwarded as the account's own token;
 * - `intercept`: answers chosen requests itself, e.g. an error that quotes what was sent.
 */
export class ApiProxy {
	intercept?: (request: ProxiedRequest) => ProxyAnswer | undefined;
	private readonly aliases = new Map<string, string>();
	private server?: http.Server;
	private base = '';

	constructor(private readonly target: string) {}

	get url(): string {
		if (!this.base) throw new Error('The proxy is not listening');
		return this.base;
	}

	aliasToken(alias: string, token: string): void {
		this.aliases.set(alias, token);
	}

	async start(): Promise<void> {
		this.server = http.createServer((request, response) => void this.forward(request, response));
		await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
		this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async close(): Promise<void> {
		const server = this.server;
		if (!server) return;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	private async forward(incoming: http.IncomingMessage, outgoing: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of incoming) chunks.push(chunk as Buffer);
		const body = Buffer.concat(chunks).toString('utf8');
		const method = incoming.method ?? 'GET';
		const path = incoming.url ?? '/';
		const answer = this.intercept?.({ method, path, body });
		if (answer) {
			outgoing.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
			return;
		}
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(incoming.headers)) {
			if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) headers[name] = value;
		}
		const presented = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
		const token = presented === undefined ? undefined : this.aliases.get(presented);
		if (token !== undefined) headers.authorization = `Bearer ${token}`;
		const response = await fetch(`${this.target}${path}`, {
			method,
			headers,
			body: method === 'GET' || method === 'HEAD' || body === '' ? undefined : body,
		});
		const answered = Buffer.from(await response.arrayBuffer());
		const forwardedHeaders: Record<string, string> = {};
		response.headers.forEach((value, name) => {
			if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name)) forwardedHeaders[name] = value;
		});
		outgoing.writeHead(response.status, forwardedHeaders).end(answered);
	}
}
