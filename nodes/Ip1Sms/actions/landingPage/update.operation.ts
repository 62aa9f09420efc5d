import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../../shared/errors/inputErrors';
import { ip1ApiRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { landingPageIdField, readLandingPageId } from '../common/fields';
import { forEachItem } from '../common/items';
import { getParameter } from '../common/parameters';
import { NEW_PAGE_NAME, otherFieldsOption, UPDATE_FIELDS, updatePageFields } from './fields';
import { MANAGED_PAGE_FIELDS, readJsonObject, readPageName, withoutKeys } from './landingPages';
import { normaliseLandingPage } from '../../../shared/dialect/resources';

export const description: INodeProperties[] = forOperations('landingPage', ['update'], [landingPageIdField, updatePageFields]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const id = readLandingPageId(this, itemIndex);
		const fields = getParameter(this, UPDATE_FIELDS, itemIndex);
		const changes: IDataObject = withoutKeys(
			readJsonObject(this, itemIndex, fields[otherFieldsOption.name], 'Other Fields (JSON)'),
			MANAGED_PAGE_FIELDS,
		);
		if (NEW_PAGE_NAME in fields) changes.name = readPageName(this, itemIndex, fields[NEW_PAGE_NAME]);
		if (Object.keys(changes).length === 0) {
			throw inputError(this.getNode(), itemIndex, {
				field: 'Update Fields',
				rule: 'are empty: there is nothing to change',
				fix: 'Add the Name or Other Fields (JSON) to change.',
			});
		}
		const path = `/v2/landings/${encodeURIComponent(id)}`;
		// PUT replaces every field but the elements, views and links: start from the current page so
		// fields not given here keep their values.
		const current = normaliseLandingPage(await ip1ApiRequest.call(this, { method: 'GET', path, itemIndex }));
		const page = await ip1ApiRequest.call(this, {
			method: 'PUT',
			path,
			body: { ...withoutKeys(current, MANAGED_PAGE_FIELDS), ...changes },
			itemIndex,
		});
		return normaliseLandingPage(page);
	});
}
