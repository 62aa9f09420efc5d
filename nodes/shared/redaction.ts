/*
 * Secrets never reach output items, errors or logs. Three maskings: maskSecretValues (`secret=***` in any
 * text: the transport's errors), maskUrlSecrets (`name=***` for secret-looking parameters of every URL in a
 * text: a send's outputs and errors), redactUrl / scrubUrls (one known URL fit for messages: `name=…`, its
 * password and fragment too). The name lists differ on purpose: a send keeps its own URL readable, the
 * trigger also hides codes and sessions of foreign URLs; merging them would change existing outputs.
 */

/** `secret=<value>` in any text (also URL-encoded, `secret%3D<value>`, in a URL inside a URL) becomes `secret=***`. */
export function maskSecretValues(text: string): string {
	return text
		.replace(/(secret=)[^&\s"'<>#,;)\]}]+/gi, '$1***')
		.replace(/(secret%3D)(?:(?!%26)[^&\s"'<>#,;)\]}])+/gi, '$1***');
}

/** Query parameters a send masks in the URLs it shows. */
const SENSITIVE_NAME = /secret|token|key|sig|pass|auth/i;
const QUERY_PARAMETER = /([?&])([^=&#\s"'<>]+)=([^&#\s"'<>]*)/g;

/** Masks the values of sensitive query parameters of every URL in a text. */
export function maskUrlSecrets(text: string): string {
	return text.replace(QUERY_PARAMETER, (whole: string, separator: string, name: string, value: string) =>
		value !== '' && SENSITIVE_NAME.test(name) ? `${separator}${name}=***` : whole,
	);
}

/** Query parameters the trigger masks in the callback URLs it reports on. */
const SENSITIVE_QUERY = /secret|token|key|sig|pass|auth|code|session|hash|credential/i;

/** A URL fit for messages and logs: secret-looking query values, the password of `user:pass@` and the fragment replaced. */
export function redactUrl(url: string): string {
	const withoutPassword = url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*):[^/?#@]*@/i, '$1:…@');
	const fragmentStart = withoutPassword.indexOf('#');
	const base = fragmentStart < 0 ? withoutPassword : `${withoutPassword.slice(0, fragmentStart)}#…`;
	const query = splitQuery(base);
	if (!query) return base;
	const pairs = query.pairs.map((pair) => (isSensitivePair(pair) ? `${pair.split('=', 1)[0]}=…` : pair));
	return `${query.head}?${pairs.join('&')}${query.tail}`;
}

/** The `name=value` pairs of a URL's query, with what comes before the `?` and after the query. */
function splitQuery(url: string): { head: string; pairs: string[]; tail: string } | undefined {
	const queryStart = url.indexOf('?');
	if (queryStart < 0) return undefined;
	const fragmentStart = url.indexOf('#', queryStart);
	const queryEnd = fragmentStart < 0 ? url.length : fragmentStart;
	return { head: url.slice(0, queryStart), pairs: url.slice(queryStart + 1, queryEnd).split('&'), tail: url.slice(queryEnd) };
}

function isSensitivePair(pair: string): boolean {
	return pair.includes('=') && SENSITIVE_QUERY.test(safeDecode(pair.split('=', 1)[0]));
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** Values of the secret-looking query parameters of `url` (decoded), e.g. a token another system put there. */
function sensitiveQueryValues(url: string): string[] {
	return (splitQuery(url)?.pairs ?? [])
		.filter(isSensitivePair)
		.map((pair) => safeDecode(pair.slice(pair.indexOf('=') + 1)))
		.filter((value) => value.length >= 4);
}

/** `text` with each of `urls` redacted, and their secret-looking values alone too: an API may quote what it was sent. */
export function scrubUrls(text: string, urls: string[]): string {
	let result = text;
	for (const url of urls) {
		for (const form of new Set([url, encodeURIComponent(url), JSON.stringify(url).slice(1, -1)])) {
			result = result.split(form).join(redactUrl(url));
		}
		for (const value of sensitiveQueryValues(url)) {
			for (const form of new Set([value, encodeURIComponent(value)])) result = result.split(form).join('…');
		}
	}
	return result;
}
