import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../common/items';
import { normaliseMessage } from '../../helpers/normalise';
import { readParticipant } from './participants';
import { ip1PaginatedRequest } from '../../transport';
import { orderField, returnAllFields } from '../batch/fields';
import { participantFields } from './fields';

const DIRECTION_PATHS: Record<string, string> = { all: '', mt: '/mt', mo: '/mo' };

export const description: INodeProperties[] = [
	...participantFields(['getMessages']),
	{
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
		displayOptions: { show: { resource: ['conversation'], operation: ['getMessages'] } },
	},
	...returnAllFields('conversation', ['getMessages']),
	orderField('conversation', ['getMessages']),
];

/** Every message to and/or from one participant, across batches, each with its latest status decoded. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const participant = readParticipant(this, itemIndex);
		const direction = String(this.getNodeParameter('direction', itemIndex, 'all'));
		const suffix = DIRECTION_PATHS[direction] ?? '';
		const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
		const order = this.getNodeParameter('order', itemIndex, 'DESC') === 'ASC' ? 'ASC' : 'DESC';
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
