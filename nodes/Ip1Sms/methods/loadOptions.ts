import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { collectionItems, ip1ApiRequest } from '../transport';

export async function getSubAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const body = await ip1ApiRequest.call(this, { method: 'GET', path: '/api/me/children' });
	return collectionItems<IDataObject>(body)
		.map((account) => {
			const id = String(account.ID ?? account.id ?? '');
			const name = String(account.Name ?? account.name ?? id);
			return { name: `${name} (${id})`, value: id };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}
