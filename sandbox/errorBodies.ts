import { PROBLEM_CONTENT_TYPE, problemDocument, problemTitle, reasonPhrase, type ProblemError } from './problems';
import type { SandboxVariants } from './types';

// iP.1 documents no error body (ambiguity 2). The errorBody reading picks the shape; every shape
// carries the same words: the detail (or the title), then each field-level reason. Shapes without
// a field map fold the reasons into their one message as "field: reason".

export interface ErrorAnswer {
	status: number;
	headers: Record<string, string>;
	/** JSON bodies */
	body?: unknown;
	contentType?: string;
	/** Text bodies (text/plain, text/html) */
	raw?: { text: string; contentType: string };
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** Each field-level reason as "field: reason" ("$" = the whole body, shown without a field). */
export function foldedReasons(error: Pick<ProblemError, 'errors'>): string[] {
	return Object.entries(error.errors ?? {}).flatMap(([field, reasons]) =>
		reasons.map((reason) => (field === '$' ? reason : `${field}: ${reason}`)),
	);
}

/** The one message of the shapes without a field map. */
export function errorWords(error: Pick<ProblemError, 'status' | 'detail' | 'errors'>): string {
	return [error.detail ?? problemTitle(error.status), ...foldedReasons(error)].join(' ');
}

function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function htmlPage(status: number, words: string): string {
	const heading = `${status} ${reasonPhrase(status)}`;
	return `<!DOCTYPE html>\n<html><head><title>${heading}</title></head>\n<body><h1>${heading}</h1>\n<p>${escapeHtml(words)}</p>\n</body></html>\n`;
}

/** A 400 becomes the validationStatus reading's status (400 or 422). */
export function errorAnswer(error: ProblemError, variants: Pick<SandboxVariants, 'errorBody' | 'validationStatus'>): ErrorAnswer {
	const status = error.status === 400 ? variants.validationStatus : error.status;
	const headers = { ...error.headers };
	const words = errorWords({ status, detail: error.detail, errors: error.errors });
	switch (variants.errorBody) {
		case 'message':
			return { status, headers, body: { message: words }, contentType: JSON_TYPE };
		case 'pascalMessage':
			return { status, headers, body: { Message: words }, contentType: JSON_TYPE };
		case 'nestedError':
			return { status, headers, body: { error: { message: words } }, contentType: JSON_TYPE };
		case 'errorsArray': {
			const reasons = foldedReasons(error);
			return { status, headers, body: { errors: reasons.length > 0 ? reasons : [words] }, contentType: JSON_TYPE };
		}
		case 'text':
			return { status, headers, raw: { text: words, contentType: 'text/plain; charset=utf-8' } };
		case 'html':
			return { status, headers, raw: { text: htmlPage(status, words), contentType: 'text/html; charset=utf-8' } };
		default:
			return { status, headers, body: problemDocument(status, error.detail, error.errors), contentType: PROBLEM_CONTENT_TYPE };
	}
}
