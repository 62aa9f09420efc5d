import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { camelCaseKeys, normaliseStatusSummary, readField } from '../../../shared/dialect/documents';
import { ip1ApiRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { forEachItem } from '../common/items';
import { participantFields } from './fields';
import { readParticipant } from './participants';

export const description: INodeProperties[] = forOperations('conversation', ['getSummary'], participantFields);

/**
 * Message and SMS counts with one participant, per latest status, decoded: `outgoing` (MT, to the
 * participant) and `incoming` (MO, from the participant) with delivered/failed/pending totals.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const participant = readParticipant(this, itemIndex);
		const raw = (await ip1ApiRequest.call(this, {
			method: 'GET',
			path: `/v2/conversations/${encodeURIComponent(participant)}/summary`,
			itemIndex,
		})) as IDataObject;
		const summary = camelCaseKeys(raw);
		return {
			...summary,
			outgoing: normaliseStatusSummary(readField(summary, 'mobileTerminatedMessages')),
			incoming: normaliseStatusSummary(readField(summary, 'mobileOriginatedMessages')),
		};
	});
}
