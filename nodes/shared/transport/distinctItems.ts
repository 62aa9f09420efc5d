import type { IDataObject } from 'n8n-workflow';

import { readField } from '../dialect/documents';

/**
 * The items of a collection in the order they arrived, each once. A list that moves while it is
 * read (an item added at the top of a DESC list) shifts items onto the next page; they must not
 * reach the user twice.
 */
export class DistinctItems {
	readonly list: IDataObject[] = [];

	private readonly seen = new Set<string>();

	get length(): number {
		return this.list.length;
	}

	/** Adds the page's new items, up to `wanted` in total. Returns how many were new. */
	add(page: IDataObject[], wanted: number): number {
		let added = 0;
		for (const item of page) {
			if (this.list.length >= wanted) break;
			const key = DistinctItems.keyOf(item);
			if (this.seen.has(key)) continue;
			this.seen.add(key);
			this.list.push(item);
			added++;
		}
		return added;
	}

	/** An item's identity: its id when it has one, else its whole content. */
	static keyOf(item: unknown): string {
		if (item && typeof item === 'object' && !Array.isArray(item)) {
			const record = item as IDataObject;
			const id = readField(record, 'id');
			if (typeof id === 'string' || typeof id === 'number') return `id:${id}`;
		}
		return `json:${JSON.stringify(item)}`;
	}

	/** One string for a whole page, to recognise the same page served again. */
	static keysOf(page: unknown[]): string {
		return page.map((item) => DistinctItems.keyOf(item)).join('\n');
	}
}
