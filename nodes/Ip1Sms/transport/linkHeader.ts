/**
 * Parses an RFC 8288 Link header into rel → URL. Tolerates the older iP.1 pages' form without
 * the `;` between URL and rel, and the newest page's `rel="load"` typo for `last`.
 */
export function parseLinkHeader(header: unknown): Record<string, string> {
	const text = Array.isArray(header) ? header.join(',') : typeof header === 'string' ? header : '';
	const links: Record<string, string> = {};
	const pattern = /<([^>]+)>\s*;?\s*rel\s*=\s*"?([^",;]+)"?/gi;
	for (const match of text.matchAll(pattern)) {
		const [, url, rels] = match;
		for (const rel of rels.trim().toLowerCase().split(/\s+/)) {
			links[rel === 'load' ? 'last' : rel] = url;
		}
	}
	return links;
}
