/** Splits a list into consecutive pieces of at most `size` entries. */
export function chunk<T>(list: T[], size: number): T[][] {
	const pieces: T[][] = [];
	for (let start = 0; start < list.length; start += size) pieces.push(list.slice(start, start + size));
	return pieces;
}

/**
 * Plans the requests of a personalised send. In a templated request the recipient's number is the
 * key of the dictionary, so one number can appear only once per request. Entries are laid out in
 * layers: the first occurrence of every number in layer 0, the second in layer 1, and so on; each
 * layer is cut into requests of at most `size`. Nothing is merged or dropped, order is kept within
 * a layer, and the number of requests stays minimal: ceil(n/size) when all numbers differ.
 */
export function planTemplatedRequests<T>(entries: T[], size: number, keyOf: (entry: T) => string): T[][] {
	const layers: T[][] = [];
	const seen = new Map<string, number>();
	for (const entry of entries) {
		const key = keyOf(entry);
		const layer = seen.get(key) ?? 0;
		seen.set(key, layer + 1);
		(layers[layer] ??= []).push(entry);
	}
	return layers.flatMap((layer) => chunk(layer, size));
}
