// v2 documents no precedence for templating; the sandbox applies the legacy v1 rule (ambiguity 6):
// recipient value > `default` value > empty string, and a placeholder nobody has a value for is
// left untouched so ordinary braces in a text survive.

const PLACEHOLDER = /\{([^{}]+)\}/g;

/** Placeholder names that some recipient or the default defines. */
export function knownPlaceholders(all: Array<Record<string, string> | null>, defaults: Record<string, string>): Set<string> {
	const known = new Set(Object.keys(defaults));
	for (const values of all) if (values) for (const key of Object.keys(values)) known.add(key);
	return known;
}

export function substitute(
	body: string,
	values: Record<string, string>,
	defaults: Record<string, string>,
	known: Set<string>,
): string {
	return body.replace(PLACEHOLDER, (whole: string, name: string) => {
		if (Object.prototype.hasOwnProperty.call(values, name)) return values[name];
		if (Object.prototype.hasOwnProperty.call(defaults, name)) return defaults[name];
		return known.has(name) ? '' : whole;
	});
}
