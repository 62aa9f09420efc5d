import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { registeredSenders } from '../actions/sender/senders';

/** Registered senders of the account, filtered by what the user types. */
export async function searchSenders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const senders = (await registeredSenders(this)).filter((sender) => sender.toLowerCase().includes(needle));
	return { results: senders.map((sender) => ({ name: sender, value: sender })) };
}
