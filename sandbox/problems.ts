import { newTraceId } from './ids';

// iP.1 documents no error body; the sandbox answers RFC 7807 problem details in the ASP.NET shape
// a third-party client already expects (ambiguity 2).

const TYPES: Record<number, string> = {
	400: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
	401: 'https://tools.ietf.org/html/rfc7235#section-3.1',
	403: 'https://tools.ietf.org/html/rfc7231#section-6.5.3',
	404: 'https://tools.ietf.org/html/rfc7231#section-6.5.4',
	405: 'https://tools.ietf.org/html/rfc7231#section-6.5.5',
	409: 'https://tools.ietf.org/html/rfc7231#section-6.5.8',
	413: 'https://tools.ietf.org/html/rfc7231#section-6.5.11',
	422: 'https://tools.ietf.org/html/rfc4918#section-11.2',
	429: 'https://tools.ietf.org/html/rfc6585#section-4',
	500: 'https://tools.ietf.org/html/rfc7231#section-6.6.1',
	502: 'https://tools.ietf.org/html/rfc7231#section-6.6.3',
	503: 'https://tools.ietf.org/html/rfc7231#section-6.6.4',
	504: 'https://tools.ietf.org/html/rfc7231#section-6.6.5',
};

const TITLES: Record<number, string> = {
	400: 'One or more validation errors occurred.',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	409: 'Conflict',
	413: 'Payload Too Large',
	422: 'One or more validation errors occurred.',
	429: 'Too Many Requests',
	500: 'An error occurred while processing your request.',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

/** The standard reason phrase (HTML error pages show it). */
const REASONS: Record<number, string> = {
	400: 'Bad Request',
	422: 'Unprocessable Entity',
	500: 'Internal Server Error',
};

export function reasonPhrase(status: number): string {
	return REASONS[status] ?? (TITLES[status] && !TITLES[status].endsWith('.') ? TITLES[status] : `HTTP ${status}`);
}

export function problemTitle(status: number): string {
	return TITLES[status] ?? `HTTP ${status}`;
}

export type FieldErrors = Record<string, string[]>;

export interface ProblemDocument {
	type: string;
	title: string;
	status: number;
	detail?: string;
	errors?: FieldErrors;
	traceId: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function problemDocument(status: number, detail?: string, errors?: FieldErrors): ProblemDocument {
	return {
		type: TYPES[status] ?? `https://httpstatuses.io/${status}`,
		title: TITLES[status] ?? `HTTP ${status}`,
		status,
		...(detail !== undefined ? { detail } : {}),
		...(errors !== undefined ? { errors } : {}),
		traceId: newTraceId(),
	};
}

/** Thrown by route handlers; the server turns it into a problem+json answer. */
export class ProblemError extends Error {
	constructor(
		readonly status: number,
		readonly detail?: string,
		readonly errors?: FieldErrors,
		readonly headers: Record<string, string> = {},
	) {
		super(detail ?? TITLES[status] ?? `HTTP ${status}`);
	}
}

export function badRequest(field: string, message: string): ProblemError {
	return new ProblemError(400, undefined, { [field]: [message] });
}

export function notFound(detail: string): ProblemError {
	return new ProblemError(404, detail);
}

export function conflict(detail: string): ProblemError {
	return new ProblemError(409, detail);
}
