import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { normaliseMessage } from '../../../shared/dialect/documents';
import { ip1PaginatedRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { orderField, pagingFields, readOrder, readPaging } from '../common/fields';
import { forEachItem } from '../common/items';
import { getParameter, parameter } from '../common/parameters';
import { participantFields } from './fields';
import { readParticipant } from './participants';

const DIRECTION_PATHS: Record<string, string> = { all: '', mt: '/mt', mo: '/mo' };

const directionField: INodeProperties = {
	displayName: 'Direction',
	name: 'direction',
	type: 'options',
	default: 'all',
	options: [
		{ name: 'All', value: 'all', description: 'Messages to and from the participant' },
		{ name: 'Incoming Only', value: 'mo', description: 'Messages the participant sent to the account (MO)' },
		{ name: 'Outgoing Only', value: 'mt', description: 'Messages sent to the participant (MT)' },
	],
	description: 'Which messages of the conversation to return',
};

const DIRECTION = parameter<unknown>(directionField, 'all');

export const description: INodeProperties[] = forOperations('conversation', ['getMessages'], [
	...participantFields,
	directionField,
	...pagingFields,
	orderField,
]);

/** Every message to and/or from one participant, across batches, each with its latest status decoded. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const participant = readParticipant(this, itemIndex);
		const direction = String(getParameter(this, DIRECTION, itemIndex));
		const suffix = DIRECTION_PATHS[direction] ?? '';
		const { returnAll, limit } = readPaging(this, itemIndex);
		const order = readOrder(this, itemIndex);
		const { items: messages } = await ip1PaginatedRequest.call(this, {
			path: `/v2/conversations/${encodeURIComponent(participant)}${suffix}`,
			returnAll,
			limit,
			order,
			itemIndex,
		});
		return messages.map(normaliseMessage);
	});
}
