import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { readField } from '../../shared/dialect/documents';
import { ip1PaginatedRequest } from '../../shared/transport';

/** Registered senders of the account, filtered by what the user types. */
export async function searchSenders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { items } = await ip1PaginatedRequest.call(this, { path: '/v2/me/senders', returnAll: true });
	const needle = (filter ?? '').trim().toLowerCase();
	const results = items
		.map((entry) => String(readField(entry, 'sender') ?? ''))
		.filter((sender) => sender !== '' && sender.toLowerCase().includes(needle))
		.map((sender) => ({ name: sender, value: sender }));
	return { results };
}
