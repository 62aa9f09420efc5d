/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only HTTP server on 127.0.0.1, never published */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The request object n8n hands to a node's webhook(): Node's IncomingMessage, extended the way n8n's
 * Express middlewares extend it (rawBody, body parsed by content type, query, params, contentType).
 */
export type WebhookRequest = http.IncomingMessage & {
	rawBody: Buffer;
	body: unknown;
	query: Record<string, string | string[]>;
	params: Record<string, string>;
	contentType: string;
};

/** Node's ServerResponse with the Express methods n8n's webhook handlers use. */
export type WebhookResponse = http.ServerResponse & {
	status(code: number): WebhookResponse;
	json(body: unknown): WebhookResponse;
	send(body?: unknown): WebhookResponse;
};

export interface WebhookRoute {
	/** Answers a request for `path` (e.g. `/webhook/<id>/ip1sms`), or returns false when it has no such webhook. */
	handle(path: string, request: WebhookRequest, response: WebhookResponse): Promise<boolean>;
}

/** What the server answered, for assertions. */
export interface AnsweredRequest {
	path: string;
	status: number;
	body: string;
	/** The answer was dropped on purpose (loseNextAnswers). */
	lost: boolean;
	/** When the request arrived and how long its answer took (ms, wall clock). */
	receivedAt?: number;
	answerMs?: number;
}

/**
 * A small stand-in for n8n's webhook HTTP endpoint on 127.0.0.1: it reads and parses the body like
 * n8n's rawBodyReader/bodyParser (invalid JSON sent as application/json is answered 422 by n8n
 * itself, before any node runs) and hands the request to the registered hosts.
 */
export class WebhookServer {
	readonly answered: AnsweredRequest[] = [];
	private readonly routes: WebhookRoute[] = [];
	private server?: http.Server;
	private answersToLose = 0;
	private base = '';

	/** e.g. http://127.0.0.1:40123/ (with a trailing slash, as n8n's WEBHOOK_URL). */
	get baseUrl(): string {
		if (!this.base) throw new Error('The webhook server is not listening');
		return this.base;
	}

	addRoute(route: WebhookRoute): void {
		this.routes.push(route);
	}

	/**
	 * The next `count` requests are handled as usual, but their answer never reaches the caller (the
	 * connection drops): what iP.1 sees when n8n processed a report and the 200 got lost on the way.
	 */
	loseNextAnswers(count: number): void {
		this.answersToLose = count;
	}

	async start(): Promise<void> {
		this.server = http.createServer((request, response) => void this.onRequest(request, response));
		await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
		const { port } = this.server.address() as AddressInfo;
		this.base = `http://127.0.0.1:${port}/`;
	}

	async close(): Promise<void> {
		const server = this.server;
		if (!server) return;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	private async onRequest(incoming: http.IncomingMessage, outgoing: http.ServerResponse): Promise<void> {
		const receivedAt = Date.now();
		const url = new URL(incoming.url ?? '/', this.baseUrl);
		const lose = this.answersToLose > 0;
		if (lose) this.answersToLose--;
		const response = expressLike(outgoing, lose);
		const chunks: Buffer[] = [];
		for await (const chunk of incoming) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const contentType = (incoming.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		const request = Object.assign(incoming, {
			rawBody,
			body: {} as unknown,
			query: queryOf(url.searchParams),
			params: {},
			contentType,
		});
		outgoing.on('finish', () => (answerMs = Date.now() - receivedAt));
		let answerMs: number | undefined;
		outgoing.on('close', () => {
			this.answered.push({ path: url.pathname, status: outgoing.statusCode, body: bodyOf(outgoing), lost: lose, receivedAt, answerMs: answerMs ?? Date.now() - receivedAt });
		});
		if (rawBody.length > 0) {
			if (contentType === 'application/json') {
				try {
					request.body = JSON.parse(rawBody.toString('utf8'));
				} catch {
					response.status(422).json({ message: 'Failed to parse request body' });
					return;
				}
			} else if (contentType === 'text/plain') {
				request.body = rawBody.toString('utf8');
			}
		}
		try {
			for (const route of this.routes) {
				if (await route.handle(url.pathname, request, response)) return;
			}
			response.status(404).json({ message: `The requested webhook "POST ${url.pathname}" is not registered.` });
		} catch (error) {
			if (!outgoing.headersSent) response.status(500).json({ message: (error as Error).message });
		}
	}
}

function queryOf(params: URLSearchParams): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = {};
	for (const key of new Set(params.keys())) {
		const values = params.getAll(key);
		query[key] = values.length === 1 ? values[0] : values;
	}
	return query;
}

const sentBodies = new WeakMap<http.ServerResponse, string>();

function bodyOf(response: http.ServerResponse): string {
	return sentBodies.get(response) ?? '';
}

function expressLike(outgoing: http.ServerResponse, lose: boolean): WebhookResponse {
	const response = outgoing as WebhookResponse;
	response.status = (code: number) => {
		outgoing.statusCode = code;
		return response;
	};
	response.send = (body?: unknown) => {
		const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
		if (typeof body === 'object' && body !== null) outgoing.setHeader('content-type', 'application/json; charset=utf-8');
		sentBodies.set(outgoing, text);
		if (lose) outgoing.socket?.destroy();
		else outgoing.end(text);
		return response;
	};
	response.json = (body: unknown) => response.send(body ?? null);
	return response;
}
