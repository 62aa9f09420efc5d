/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- the sandbox is a Node dev tool (never published in dist/), not a node run by n8n */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isoMillis } from './clock';
import type { SandboxCore } from './core';
import { describeFault } from './faults';
import { errorAnswer } from './errorBodies';
import { PROBLEM_CONTENT_TYPE, ProblemError, problemDocument } from './problems';
import { Router, type RouteResult } from './router';
import type { ControlRequest } from './routes/control';
import type { Account } from './state';
import type { FaultSpec, LoggedRequest } from './types';

// HTTP plumbing of the sandbox. Order of an API request:
//   latency (option) → faults (before processing) → auth lookup → rate limit → route (404/405) → 401 → JSON body → handler
// Control requests (/_sandbox/…) skip all of it.

const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

interface Reply extends RouteResult {
	/** A pre-serialised body (status faults). */
	raw?: { text: string; contentType: string };
	contentType?: string;
}

type Authorization = { state: 'missing' | 'invalid'; account: null } | { state: 'valid'; account: Account };

class BodyTooLarge extends Error {}

export type ControlHandler = (req: ControlRequest) => Promise<RouteResult>;

export class SandboxServer {
	private readonly server: http.Server;
	private port = 0;
	private closed = false;
	private relistenTimer: NodeJS.Timeout | null = null;
	private readonly sleeps = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
	private controlHandler: ControlHandler | null = null;

	constructor(
		private readonly core: SandboxCore,
		private readonly router: Router,
	) {
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((error: unknown) => {
				if (!res.headersSent && !res.destroyed) {
					this.send(res, this.apiProblem(new ProblemError(500, error instanceof Error ? error.message : String(error))));
				}
			});
		});
		// A failed re-listen (refuseConnectionsFor) must not crash the host process.
		this.server.on('error', (error) => {
			process.emitWarning(`iP.1 sandbox server error: ${error.message}`);
		});
	}

	setControlHandler(handler: ControlHandler): void {
		this.controlHandler = handler;
	}

	get url(): string {
		return `http://${HOST}:${this.port}`;
	}

	listen(port: number): Promise<number> {
		return new Promise((resolve, reject) => {
			const onError = (error: Error): void => reject(error);
			this.server.once('error', onError);
			this.server.listen(port, HOST, () => {
				this.server.off('error', onError);
				this.port = (this.server.address() as AddressInfo).port;
				resolve(this.port);
			});
		});
	}

	/** Real ECONNREFUSED for clients during `ms` wall-clock milliseconds, then the same port again. */
	async refuseConnectionsFor(ms: number): Promise<void> {
		if (this.closed) throw new Error('The sandbox is closed.');
		if (this.relistenTimer) clearTimeout(this.relistenTimer);
		await this.stopListening();
		// Let in-process clients see the closed keep-alive sockets, so their next request opens a
		// new connection and meets ECONNREFUSED rather than a reset pooled socket.
		await new Promise<void>((resolve) => setTimeout(resolve, 20).unref());
		this.relistenTimer = setTimeout(() => {
			this.relistenTimer = null;
			if (!this.closed) this.server.listen(this.port, HOST);
		}, ms);
		this.relistenTimer.unref();
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		if (this.relistenTimer) clearTimeout(this.relistenTimer);
		this.relistenTimer = null;
		for (const sleep of this.sleeps) {
			clearTimeout(sleep.timer);
			sleep.wake();
		}
		this.sleeps.clear();
		this.core.close();
		await this.stopListening();
	}

	private stopListening(): Promise<void> {
		if (!this.server.listening) {
			this.server.closeAllConnections();
			return Promise.resolve();
		}
		return new Promise((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const method = (req.method ?? 'GET').toUpperCase();
		const host = req.headers.host ?? `${HOST}:${this.port}`;
		const url = new URL(req.url ?? '/', `http://${host}`);
		const path = url.pathname;

		let rawBody: string;
		try {
			rawBody = await readBody(req);
		} catch (error) {
			if (error instanceof BodyTooLarge) this.send(res, this.apiProblem(new ProblemError(413, `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`)));
			else req.socket.destroy();
			return;
		}

		if (path === '/_sandbox' || path.startsWith('/_sandbox/')) {
			await this.handleControl(res, { method, path, query: url.searchParams, body: parseLenient(rawBody) }, rawBody);
			return;
		}

		const auth = this.authorize(req.headers.authorization);
		const entry: LoggedRequest = {
			method,
			path,
			query: queryRecord(url.searchParams),
			body: parseLenient(rawBody),
			status: 0,
			...(auth.account ? { accountId: auth.account.id } : {}),
			at: isoMillis(this.core.nowMs()),
			authorization: auth.state,
		};
		this.core.requestLog.push(entry);

		// The distance to the API (option latencyMs); a latency fault adds to it.
		if (this.core.options.latencyMs > 0) await this.sleep(this.core.options.latencyMs);
		const fault = this.core.faults.take(method, path);
		if (fault) entry.fault = describeFault(fault);
		if (fault?.kind === 'latency') await this.sleep(fault.ms);

		if (fault && fault.kind !== 'latency' && !fault.process) {
			this.finishWithFault(res, entry, fault);
			return;
		}

		let reply: Reply;
		try {
			reply = await this.process(method, path, url, host, rawBody, auth);
		} catch (error) {
			reply = this.apiProblem(error instanceof ProblemError ? error : new ProblemError(500, error instanceof Error ? error.message : String(error)));
		}

		if (fault && fault.kind !== 'latency') {
			entry.fault = `${describeFault(fault)} (${reply.status})`;
			this.finishWithFault(res, entry, fault);
			return;
		}
		entry.status = reply.status;
		this.send(res, reply);
		this.core.options.onRequest?.(entry);
	}

	private finishWithFault(res: http.ServerResponse, entry: LoggedRequest, fault: FaultSpec): void {
		if (fault.kind === 'drop') {
			entry.status = 0;
			res.socket?.destroy();
		} else if (fault.kind === 'status') {
			entry.status = fault.status;
			const reply: Reply =
				fault.body !== undefined
					? { status: fault.status, raw: { text: fault.body, contentType: fault.contentType ?? guessContentType(fault.body) } }
					: { ...this.apiProblem(new ProblemError(fault.status, 'Fault injected by the iP.1 sandbox.')), status: fault.status };
			reply.headers = { ...(reply.headers ?? {}), ...(fault.headers ?? {}) };
			if (fault.contentType && reply.raw === undefined) reply.contentType = fault.contentType;
			this.send(res, reply);
		}
		this.core.options.onRequest?.(entry);
	}

	private async process(
		method: string,
		path: string,
		url: URL,
		host: string,
		rawBody: string,
		auth: Authorization,
	): Promise<Reply> {
		if (auth.account && !this.core.rateLimiter.allow(auth.account.id)) {
			const headers: Record<string, string> = this.core.options.retryAfterHeader ? { 'retry-after': '1' } : {};
			return this.apiProblem(
				new ProblemError(429, `Rate limit of ${this.core.rateLimiter.limit} requests per second exceeded for account ${auth.account.id}.`, undefined, headers),
			);
		}
		const match = this.router.match(method, path);
		if (match.kind === 'none') throw new ProblemError(404, `No endpoint ${method} ${path}.`);
		if (match.kind === 'method') {
			throw new ProblemError(405, `${method} is not allowed on ${path}.`, undefined, { allow: match.allow.join(', ') });
		}
		if (!auth.account) {
			const challenge = auth.state === 'invalid' ? 'Bearer error="invalid_token"' : 'Bearer';
			throw new ProblemError(
				401,
				auth.state === 'invalid' ? 'The bearer token is not valid.' : 'An Authorization: Bearer <token> header is required.',
				undefined,
				{ 'www-authenticate': challenge },
			);
		}
		let body: unknown;
		if (rawBody.trim() !== '') {
			try {
				body = JSON.parse(rawBody);
			} catch (error) {
				throw new ProblemError(400, undefined, { $: [`The request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`] });
			}
		}
		return match.handler({
			method,
			path,
			params: match.params,
			query: url.searchParams,
			body,
			account: auth.account,
			core: this.core,
			link: { origin: `http://${host}`, path, query: url.searchParams },
		});
	}

	private async handleControl(res: http.ServerResponse, req: ControlRequest, rawBody: string): Promise<void> {
		if (!this.controlHandler) {
			this.send(res, this.controlProblem(new ProblemError(503, 'Control API not ready.')));
			return;
		}
		if (rawBody.trim() !== '' && req.body === rawBody) {
			this.send(res, this.controlProblem(new ProblemError(400, undefined, { $: ['The request body is not valid JSON.'] })));
			return;
		}
		try {
			this.send(res, await this.controlHandler(req));
		} catch (error) {
			this.send(res, this.controlProblem(error instanceof ProblemError ? error : new ProblemError(500, String(error))));
		}
	}

	private authorize(header: string | undefined): Authorization {
		if (header === undefined || header.trim() === '') return { state: 'missing', account: null };
		const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
		const account = match ? this.core.registry.byToken(match[1]) : undefined;
		return account ? { state: 'valid', account } : { state: 'invalid', account: null };
	}

	/** An API error in the errorBody and validationStatus readings in force. */
	private apiProblem(error: ProblemError): Reply {
		const answer = errorAnswer(error, this.core.variants);
		return { status: answer.status, body: answer.body, raw: answer.raw, headers: answer.headers, contentType: answer.contentType };
	}

	/** The control API always answers problem+json: it is the sandbox's own, not a reading of iP.1. */
	private controlProblem(error: ProblemError): Reply {
		return {
			status: error.status,
			body: problemDocument(error.status, error.detail, error.errors),
			headers: error.headers,
			contentType: PROBLEM_CONTENT_TYPE,
		};
	}

	private send(res: http.ServerResponse, reply: Reply): void {
		if (res.destroyed || res.headersSent) return;
		const headers: Record<string, string> = { ...(reply.headers ?? {}) };
		let payload: string | undefined;
		if (reply.raw) {
			payload = reply.raw.text;
			headers['content-type'] = reply.raw.contentType;
		} else if (reply.body !== undefined && reply.status !== 204) {
			payload = JSON.stringify(reply.body);
			headers['content-type'] = reply.contentType ?? JSON_CONTENT_TYPE;
		}
		if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
		// An empty success body (e.g. sendResponse 'empty') still says so, rather than going chunked.
		else if (reply.status !== 204 && reply.status !== 304 && reply.status >= 200) headers['content-length'] = '0';
		res.writeHead(reply.status, headers);
		res.end(payload);
	}

	private sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const sleep = {
				timer: setTimeout(() => {
					this.sleeps.delete(sleep);
					resolve();
				}, ms),
				wake: resolve,
			};
			sleep.timer.unref();
			this.sleeps.add(sleep);
		});
	}
}

function readBody(req: http.IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				req.pause();
				reject(new BodyTooLarge());
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** For the log: parsed JSON when possible, else the raw text; undefined when empty. */
function parseLenient(raw: string): unknown {
	if (raw.trim() === '') return undefined;
	try {
		return JSON.parse(raw);
	} catch {
		return raw;
	}
}

function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const key of new Set(params.keys())) {
		const values = params.getAll(key);
		out[key] = values.length === 1 ? values[0] : values;
	}
	return out;
}

function guessContentType(body: string): string {
	try {
		JSON.parse(body);
		return JSON_CONTENT_TYPE;
	} catch {
		return 'text/plain; charset=utf-8';
	}
}
