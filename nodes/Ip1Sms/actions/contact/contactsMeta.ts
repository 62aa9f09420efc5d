import type { IDataObject } from 'n8n-workflow';

import { camelCaseKeys } from '../../../shared/dialect/documents';
import { isPlainObject } from '../../../shared/values';

function entries(value: unknown): IDataObject[] {
	return Array.isArray(value) ? value.filter(isPlainObject).map((entry) => camelCaseKeys(entry)) : [];
}

/**
 * `GET /v2/contacts/meta`: `{ totalCount, labels: [{ labelName, usageCount }], properties: [{ propertyName,
 * usageCount, averageLength, maxLength, minLength }] }`, whatever casing the API used.
 */
export function normaliseContactsMeta(raw: unknown): IDataObject {
	const meta = camelCaseKeys(isPlainObject(raw) ? raw : {});
	const labels = entries(meta.labels);
	const properties = entries(meta.properties);
	return {
		...meta,
		totalCount: Number(meta.totalCount ?? 0),
		labels,
		properties,
	};
}
