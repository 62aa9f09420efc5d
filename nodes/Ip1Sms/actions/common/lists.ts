/** Entries typed as `a, b` or mapped as an array (labels, contact IDs); trimmed, without empties and duplicates. */
export function listEntries(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map((entry) => String(entry ?? '')) : String(value ?? '').split(',');
	return Array.from(new Set(parts.map((part) => part.trim()).filter((part) => part !== '')));
}
