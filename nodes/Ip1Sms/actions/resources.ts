import type { INodePropertyOptions } from 'n8n-workflow';

import type { Resource } from './node.type';

/** Each resource's name: in the Resource dropdown, and as n8n's heading of its actions ("SMS Actions"). */
const RESOURCE_NAMES = {
	account: 'Account',
	batch: 'Batch',
	blacklist: 'Blacklist',
	contact: 'Contact',
	conversation: 'Conversation',
	label: 'Label',
	landingPage: 'Landing Page',
	landingPageElement: 'Landing Page Element',
	message: 'Message',
	sender: 'Sender',
	setting: 'Setting',
	sms: 'SMS',
	subAccount: 'Sub-Account',
} satisfies Record<Resource, string>;

/** n8n lists the actions by resource in this order: SMS first (alphabetically Send came 40th of 46), then A–Z. */
export const RESOURCE_OPTIONS: INodePropertyOptions[] = [
	{ name: RESOURCE_NAMES.sms, value: 'sms' },
	...(Object.keys(RESOURCE_NAMES) as Resource[])
		.filter((resource) => resource !== 'sms')
		.map((resource) => ({ name: RESOURCE_NAMES[resource], value: resource }))
		.sort((a, b) => a.name.localeCompare(b.name)),
];
