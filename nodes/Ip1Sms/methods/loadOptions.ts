import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { readField } from '../../shared/dialect/documents';
import { collectionItems } from '../../shared/dialect/paging';
import { ip1ApiRequest, ip1PaginatedRequest } from '../../shared/transport';
import { landingPageIdField } from '../actions/common/fields';

export async function getSubAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const body = await ip1ApiRequest.call(this, { method: 'GET', path: '/api/me/children' });
	return collectionItems<IDataObject>(body)
		.map((account) => {
			const id = String(readField(account, 'id') ?? '');
			const name = String(readField(account, 'name') ?? id);
			return { name: `${name} (${id})`, value: id };
		})
		.sort(byName);
}

/** Registered senders of the account (alphabetical, as the API lists them). */
export async function getSenders(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { items } = await ip1PaginatedRequest.call(this, { path: '/v2/me/senders', returnAll: true });
	return items
		.map((entry) => String(readField(entry, 'sender') ?? ''))
		.filter((sender) => sender !== '')
		.map((sender) => ({ name: sender, value: sender }));
}

/** Labels in use on the account's contacts, with how many contacts carry each. */
export async function getLabels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const meta = (await ip1ApiRequest.call(this, { method: 'GET', path: '/v2/contacts/meta' })) as IDataObject;
	const labels = Array.isArray(meta.labels) ? (meta.labels as IDataObject[]) : [];
	return labels
		.map((label) => {
			const name = String(readField(label, 'labelName') ?? '');
			const count = Number(readField(label, 'usageCount') ?? 0);
			return { name: `${name} (${count} contact${count === 1 ? '' : 's'})`, value: name };
		})
		.filter((option) => option.value !== '')
		.sort(byName);
}

/** Contact property names in use (phoneNumber, email, custom ones...). */
export async function getContactProperties(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const meta = (await ip1ApiRequest.call(this, { method: 'GET', path: '/v2/contacts/meta' })) as IDataObject;
	const properties = Array.isArray(meta.properties) ? (meta.properties as IDataObject[]) : [];
	return properties
		.map((property) => String(readField(property, 'propertyName') ?? ''))
		.filter((name) => name !== '')
		.map((name) => ({ name, value: name }))
		.sort(byName);
}

/** Landing pages of the account, by name. */
export async function getLandingPages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { items } = await ip1PaginatedRequest.call(this, { path: '/v2/landings', returnAll: true });
	return items
		.map((page) => {
			const id = String(readField(page, 'id') ?? '');
			const name = String(readField(page, 'name') ?? id);
			return { name: `${name} (${id})`, value: id };
		})
		.filter((option) => option.value !== '')
		.sort(byName);
}

/** Elements of the landing page chosen in the same node, in page order. */
export async function getLandingPageElements(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const pageId = String(this.getCurrentNodeParameter(landingPageIdField.name) ?? '').trim();
	if (pageId === '') return [];
	const { items } = await ip1PaginatedRequest.call(this, {
		path: `/v2/landings/${encodeURIComponent(pageId)}/elements`,
		returnAll: true,
	});
	return items
		.map((element) => {
			const id = String(readField(element, 'id') ?? '');
			const type = String(readField(element, 'type') ?? 'Element');
			const content = typeof element.content === 'string' ? `: ${element.content.slice(0, 40)}` : '';
			return { name: `${type}${content} (${id})`, value: id };
		})
		.filter((option) => option.value !== '');
}

function byName(a: INodePropertyOptions, b: INodePropertyOptions): number {
	return a.name.localeCompare(b.name);
}
