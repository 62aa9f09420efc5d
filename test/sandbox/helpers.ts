/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node and is never published (a local webhook receiver) */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxHandle } from '../../sandbox';

export interface ApiResponse<T = unknown> {
	status: number;
	headers: Headers;
	body: T;
	text: string;
}

export interface CallOptions {
	token?: string | null;
	body?: unknown;
	rawBody?: string;
	headers?: Record<string, string>;
}

/** One real HTTP call with Node's global fetch; `token: null` sends no Authorization header. */
export async function call<T = unknown>(sb: SandboxHandle, method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
	const headers: Record<string, string> = { ...(options.headers ?? {}) };
	const token = options.token === undefined ? sb.token : options.token;
	if (token !== null) headers.authorization = `Bearer ${token}`;
	let payload: string | undefined;
	if (options.rawBody !== undefined) payload = options.rawBody;
	else if (options.body !== undefined) payload = JSON.stringify(options.body);
	if (payload !== undefined) headers['content-type'] ??= 'application/json';
	const response = await fetch(`${sb.url}${path}`, { method, headers, body: payload });
	const text = await response.text();
	let body: unknown = undefined;
	if (text !== '') {
		try {
			body = JSON.parse(text);
		} catch {
			body = text;
		}
	}
	return { status: response.status, headers: response.headers, body: body as T, text };
}

export interface ProblemBody {
	type: string;
	title: string;
	status: number;
	detail?: string;
	errors?: Record<string, string[]>;
	traceId: string;
}

export interface ReceivedPost {
	path: string;
	body: unknown;
	attempt: number;
}

export interface Receiver {
	url: string;
	received: ReceivedPost[];
	/** Answers `status` (default 500) to the first `n` POSTs, 200 afterwards. */
	failFirst(n: number, status?: number): void;
	/** Destroys the socket of the first `n` POSTs instead of answering. */
	dropFirst(n: number): void;
	close(): Promise<void>;
}

/** A webhook receiver on 127.0.0.1 that records every POST (failed ones too). */
export async function startReceiver(): Promise<Receiver> {
	const received: ReceivedPost[] = [];
	let failures = 0;
	let failStatus = 500;
	let drops = 0;
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			received.push({ path: req.url ?? '/', body: text ? JSON.parse(text) : undefined, attempt: received.length + 1 });
			if (drops > 0) {
				drops--;
				req.socket.destroy();
				return;
			}
			if (failures > 0) {
				failures--;
				res.writeHead(failStatus).end('nope');
				return;
			}
			res.writeHead(200).end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		received,
		failFirst(n, status = 500) {
			failures = n;
			failStatus = status;
		},
		dropFirst(n) {
			drops = n;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

export function codes(statuses: Array<{ code: number }>): number[] {
	return statuses.map((s) => s.code);
}
