import type { INodeProperties } from 'n8n-workflow';

import { normaliseMessage } from '../../../shared/dialect/documents';
import { orderField, pagingFields, readCollection, readOrder } from '../common/fields';
import { perItem } from '../common/operation';
import { getParameter, parameter } from '../common/parameters';
import { participantFields, participantPath } from './fields';

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

const fields = [...participantFields, directionField, ...pagingFields, orderField];

/** Every message to and/or from one participant, across batches, each with its latest status decoded. */
export const { description, execute } = perItem('conversation', 'getMessages', fields, async function (itemIndex) {
	const participant = participantPath(this, itemIndex);
	const direction = DIRECTION_PATHS[String(getParameter(this, DIRECTION, itemIndex))] ?? '';
	const order = readOrder(this, itemIndex);
	return (await readCollection(this, itemIndex, { path: participant + direction, order })).map(normaliseMessage);
});
