import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { documentIdRule, readId } from '../common/ids';
import { parameter } from '../common/parameters';

export const messageIdField: INodeProperties = {
	displayName: 'Message ID',
	name: 'messageId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '5bcf4324ee47dee41a9dbb13',
	description:
		'The ID of the message, as output by SMS → Send (messageIds, one per recipient) or Message → Get Many, or received in a delivery report',
};

const MESSAGE_ID = parameter<unknown>(messageIdField, '');

export function readMessageId(context: IExecuteFunctions, itemIndex: number): string {
	return readId(context, itemIndex, MESSAGE_ID, documentIdRule('Message ID'));
}
