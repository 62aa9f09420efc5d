import type { IDataObject } from 'n8n-workflow';

import { camelCaseKeys, normaliseStatusSummary, readField } from '../../../shared/dialect/documents';
import { ip1ApiRequest } from '../../../shared/transport';
import { perItem } from '../common/operation';
import { participantFields, participantPath } from './fields';

/** Message and SMS counts with one participant by latest status: `outgoing` (MT) and `incoming` (MO), with totals. */
export const { description, execute } = perItem('conversation', 'getSummary', participantFields, async function (itemIndex) {
	const path = `${participantPath(this, itemIndex)}/summary`;
	const summary = camelCaseKeys((await ip1ApiRequest.call(this, { method: 'GET', path, itemIndex })) as IDataObject);
	return {
		...summary,
		outgoing: normaliseStatusSummary(readField(summary, 'mobileTerminatedMessages')),
		incoming: normaliseStatusSummary(readField(summary, 'mobileOriginatedMessages')),
	};
});
