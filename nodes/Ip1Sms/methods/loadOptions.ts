import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { readField } from '../../shared/dialect/documents';
import { collectionItems } from '../../shared/dialect/paging';
import { ip1ApiRequest, ip1PaginatedRequest } from '../../shared/transport';
import { landingPageIdField } from '../actions/common/fields';
import { registeredSenders } from '../actions/sender/senders';

export async function getSubAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const body = await ip1ApiRequest.call(this, { method: 'GET', path: '/api/me/children' });
	return collectionItems<IDataObject>(body).map(nameAndId).sort(byName);
}

export async function getSenders(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await registeredSenders(this)).map((sender) => ({ name: sender, value: sender }));
}

/** Labels in use on the account's contacts, with how many contacts carry each. */
export async function getLabels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await contactsSummary(this, 'labels'))
		.map((label) => {
			const name = String(readField(label, 'labelName') ?? '');
			const count = Number(readField(label, 'usageCount') ?? 0);
			return { name: `${name} (${count} contact${count === 1 ? '' : 's'})`, value: name };
		})
		.filter((option) => option.value !== '')
		.sort(byName);
}

export async function getContactProperties(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await contactsSummary(this, 'properties'))
		.map((property) => String(readField(property, 'propertyName') ?? ''))
		.filter((name) => name !== '')
		.map((name) => ({ name, value: name }))
		.sort(byName);
}

export async function getLandingPages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { items } = await ip1PaginatedRequest.call(this, { path: '/v2/landings', returnAll: true });
	return items.map(nameAndId).filter((option) => option.value !== '').sort(byName);
}

/** Elements of the landing page chosen in the same node, in page order. */
export async function getLandingPageElements(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const pageId = String(this.getCurrentNodeParameter(landingPageIdField.name) ?? '').trim();
	if (pageId === '') return [];
	const path = `/v2/landings/${encodeURIComponent(pageId)}/elements`;
	const { items } = await ip1PaginatedRequest.call(this, { path, returnAll: true });
	return items
		.map((element) => {
			const id = String(readField(element, 'id') ?? '');
			const type = String(readField(element, 'type') ?? 'Element');
			const content = typeof element.content === 'string' ? `: ${element.content.slice(0, 40)}` : '';
			return { name: `${type}${content} (${id})`, value: id };
		})
		.filter((option) => option.value !== '');
}

/** A sub-account or a landing page as "name (id)". */
function nameAndId(entry: IDataObject): INodePropertyOptions {
	const id = String(readField(entry, 'id') ?? '');
	return { name: `${String(readField(entry, 'name') ?? id)} (${id})`, value: id };
}

async function contactsSummary(context: ILoadOptionsFunctions, list: 'labels' | 'properties'): Promise<IDataObject[]> {
	const meta = (await ip1ApiRequest.call(context, { method: 'GET', path: '/v2/contacts/meta' })) as IDataObject;
	return Array.isArray(meta[list]) ? (meta[list] as IDataObject[]) : [];
}

function byName(a: INodePropertyOptions, b: INodePropertyOptions): number {
	return a.name.localeCompare(b.name);
}
