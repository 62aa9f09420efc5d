import { ProblemError, badRequest, notFound } from '../problems';
import type { RouteResult } from '../router';
import type { FaultSpec, SandboxControl, SandboxVariants } from '../types';
import { isPlainObject } from '../validation';
import { VariantError } from '../variants';
import { json, noContent } from './common';

// /_sandbox/… : the control API over HTTP for a sandbox in another process (the CLI). No bearer,
// no rate limit, no faults, not in the request log.

export interface ControlRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	body: unknown;
}

function objectBody(body: unknown): Record<string, unknown> {
	if (body === undefined) return {};
	if (!isPlainObject(body)) throw badRequest('$', 'The request body must be a JSON object.');
	return body;
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
	const value = body[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw badRequest(key, `${key} must be a string.`);
	return value;
}

/** JSON cannot carry a RegExp or Infinity: `pathRegex` and `times: null` stand in for them. */
function faultFromJson(body: Record<string, unknown>): FaultSpec {
	const base: { method?: string; path?: string | RegExp; times?: number } = {};
	const method = optionalString(body, 'method');
	if (method) base.method = method;
	const pathRegex = optionalString(body, 'pathRegex');
	const path = optionalString(body, 'path');
	if (pathRegex !== undefined) {
		try {
			base.path = new RegExp(pathRegex);
		} catch {
			throw badRequest('pathRegex', 'pathRegex is not a valid regular expression.');
		}
	} else if (path !== undefined) base.path = path;
	if (body.times === null) base.times = Number.POSITIVE_INFINITY;
	else if (typeof body.times === 'number') base.times = body.times;
	else if (body.times !== undefined) throw badRequest('times', 'times must be a number (null = unlimited).');
	switch (body.kind) {
		case 'status': {
			if (typeof body.status !== 'number') throw badRequest('status', 'status is required for kind "status".');
			const headers = body.headers;
			if (headers !== undefined && (!isPlainObject(headers) || Object.values(headers).some((v) => typeof v !== 'string'))) {
				throw badRequest('headers', 'headers must be an object of strings.');
			}
			return {
				...base,
				kind: 'status',
				status: body.status,
				body: optionalString(body, 'body'),
				contentType: optionalString(body, 'contentType'),
				headers: headers as Record<string, string> | undefined,
				process: body.process === true,
			};
		}
		case 'drop':
			return { ...base, kind: 'drop', process: body.process === true };
		case 'latency':
			if (typeof body.ms !== 'number') throw badRequest('ms', 'ms is required for kind "latency".');
			return { ...base, kind: 'latency', ms: body.ms };
		default:
			throw badRequest('kind', 'kind must be "status", "drop" or "latency".');
	}
}

function rateFromJson(value: unknown): number | null {
	if (value === null || value === 'off') return null;
	if (typeof value === 'number') return value;
	throw badRequest('perSecond', 'perSecond must be a positive integer, null or "off".');
}

/** Errors thrown by the control object (bad input) become 400s. */
function asBadRequest(error: unknown): never {
	if (error instanceof ProblemError) throw error;
	if (error instanceof VariantError) throw badRequest(error.variant, error.message);
	throw badRequest('$', error instanceof Error ? error.message : String(error));
}

export async function handleControl(control: SandboxControl, req: ControlRequest): Promise<RouteResult> {
	const key = `${req.method} ${req.path.replace(/\/$/, '')}`;
	try {
		switch (key) {
			case 'GET /_sandbox/health':
				return json(200, { status: 'ok', now: control.now().toISOString() });
			case 'POST /_sandbox/accounts': {
				const body = objectBody(req.body);
				const type = body.type;
				if (type !== undefined && type !== 'international' && type !== 'swedish') {
					throw badRequest('type', 'type must be "international" or "swedish".');
				}
				if (body.balance !== undefined && typeof body.balance !== 'number') throw badRequest('balance', 'balance must be a number.');
				return json(
					201,
					control.createAccount({
						name: optionalString(body, 'name'),
						currency: optionalString(body, 'currency'),
						balance: body.balance as number | undefined,
						type,
					}),
				);
			}
			case 'GET /_sandbox/clock':
				return json(200, { now: control.now().toISOString() });
			case 'POST /_sandbox/clock/advance': {
				const ms = objectBody(req.body).ms;
				if (typeof ms !== 'number' || !(ms >= 0) || !Number.isFinite(ms)) throw badRequest('ms', 'ms must be a number >= 0.');
				await control.advance(ms);
				return json(200, { now: control.now().toISOString() });
			}
			case 'POST /_sandbox/inbound': {
				const body = objectBody(req.body);
				const from = optionalString(body, 'from');
				// `text` is accepted as another name for `body` (the reply helper: npm run sandbox -- reply).
				const text = optionalString(body, 'body') ?? optionalString(body, 'text');
				if (!from) throw badRequest('from', 'from is required.');
				if (text === undefined) throw badRequest('body', 'body (or text) is required.');
				const doc = await control.injectInbound({
					token: optionalString(body, 'token'),
					accountId: optionalString(body, 'accountId'),
					from,
					to: optionalString(body, 'to'),
					body: text,
				});
				return json(201, doc);
			}
			case 'POST /_sandbox/settle':
				await control.settle();
				return noContent();
			case 'GET /_sandbox/requests':
				return json(200, control.requests);
			case 'DELETE /_sandbox/requests':
				control.clearRequests();
				return noContent();
			case 'GET /_sandbox/webhooks':
				return json(200, control.webhookDeliveries);
			case 'POST /_sandbox/faults':
				control.addFault(faultFromJson(objectBody(req.body)));
				return json(201, { added: true });
			case 'DELETE /_sandbox/faults':
				control.clearFaults();
				return noContent();
			case 'POST /_sandbox/rate-limit': {
				const perSecond = rateFromJson(objectBody(req.body).perSecond);
				control.setRateLimit(perSecond);
				return json(200, { perSecond });
			}
			case 'POST /_sandbox/listing-lag': {
				const ms = objectBody(req.body).ms;
				if (typeof ms !== 'number') throw new Error('listing-lag needs {"ms": <number>}');
				control.setListingLag(ms);
				return json(200, { ms });
			}
			case 'GET /_sandbox/variants':
				return json(200, control.variants);
			case 'POST /_sandbox/variants':
				// setVariants checks names and values, so the cast only hands untrusted JSON to the checker.
				return json(200, control.setVariants(objectBody(req.body) as Partial<SandboxVariants>));
			case 'POST /_sandbox/reset':
				control.reset();
				return noContent();
			case 'GET /_sandbox/state': {
				const token = req.query.get('token') ?? req.query.get('accountId');
				if (!token) throw badRequest('token', 'token or accountId query parameter is required.');
				return json(200, control.state(token));
			}
			default:
				throw notFound(`Unknown control endpoint: ${key}.`);
		}
	} catch (error) {
		return asBadRequest(error);
	}
}
