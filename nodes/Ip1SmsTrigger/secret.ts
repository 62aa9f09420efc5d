import { createHash, randomBytes, timingSafeEqual } from 'crypto';

/** Name of the query parameter that carries the secret on every URL the trigger hands out. */
export const SECRET_PARAMETER = 'secret';

/** A Delivery Report Secret shorter than this is refused: it is the only thing guarding that URL. */
export const MIN_SECRET_LENGTH = 16;

/** 32 random bytes, URL-safe: goes into the query string as is. */
export function generateSecret(): string {
	return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison. Both sides are hashed first so that timingSafeEqual always compares
 * equal lengths and the length of the expected secret does not leak either.
 */
export function secretsMatch(presented: string, expected: string): boolean {
	if (expected === '') return false;
	const a = createHash('sha256').update(presented, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b);
}

/** The secret of a request's query (`?secret=`); a repeated parameter is ambiguous and counts as none. */
export function presentedSecret(query: unknown): string | undefined {
	if (!query || typeof query !== 'object') return undefined;
	const value = (query as Record<string, unknown>)[SECRET_PARAMETER];
	return typeof value === 'string' ? value : undefined;
}

/** `https://n8n.example.com/webhook/…/ip1sms` + secret → the URL to register or paste. */
export function withSecret(webhookUrl: string, secret: string): string {
	const separator = webhookUrl.includes('?') ? '&' : '?';
	return `${webhookUrl}${separator}${SECRET_PARAMETER}=${encodeURIComponent(secret)}`;
}

const SENSITIVE_QUERY = /secret|token|key|sig|pass|auth/i;

/** A URL fit for messages and logs: values of secret-looking query parameters are replaced. */
export function redactUrl(url: string): string {
	const queryStart = url.indexOf('?');
	if (queryStart < 0) return url;
	const query = url
		.slice(queryStart + 1)
		.split('&')
		.map((pair) => {
			const [name] = pair.split('=', 1);
			return SENSITIVE_QUERY.test(name) && pair.includes('=') ? `${name}=…` : pair;
		})
		.join('&');
	return `${url.slice(0, queryStart)}?${query}`;
}
