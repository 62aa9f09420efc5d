/**
 * Parses an RFC 8288 Link header into rel → URL (the URL as written: absolute or relative).
 * Tolerates what iP.1's pages show besides the RFC form: the older form without the `;` between
 * URL and rel, several rels in one value (`rel="next last"`), unquoted rels, other parameters
 * before `rel`, and the newest page's `rel="load"` typo for `last`. The first link of a rel wins.
 */
export function parseLinkHeader(header: unknown): Record<string, string> {
	const text = Array.isArray(header) ? header.join(',') : typeof header === 'string' ? header : '';
	const links: Record<string, string> = {};
	// Each link-value is `<url>` followed by its parameters up to the next `<`.
	for (const match of text.matchAll(/<([^>]*)>([^<]*)/g)) {
		const [, url, parameters] = match;
		const rel = /(?:^|[\s;,])rel\s*=\s*(?:"([^"]*)"|([^\s;,"]+))/i.exec(parameters);
		if (!rel) continue;
		for (const name of (rel[1] ?? rel[2]).trim().toLowerCase().split(/\s+/)) {
			const key = name === 'load' ? 'last' : name;
			if (key && !Object.prototype.hasOwnProperty.call(links, key)) links[key] = url.trim();
		}
	}
	return links;
}
