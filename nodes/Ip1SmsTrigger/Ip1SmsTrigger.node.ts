import { NodeConnectionTypes, type IHookFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { executionStep } from './dedupe';
import { checkExists, create, deleteWebhook } from './lifecycle';
import { handleWebhook, triggerWebhook } from './webhook';

export class Ip1SmsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'iP.1 SMS Trigger',
		name: 'ip1SmsTrigger',
		icon: { light: 'file:ip1sms.svg', dark: 'file:ip1sms.dark.svg' },
		group: ['trigger'],
		// 2: n8n parses only the content types it knows, with no expression per call as for version 1 (`binaryData`);
		// the trigger reads other bodies raw (webhook.ts). Saved workflows keep version 1, which behaves the same.
		version: [1, 2],
		defaultVersion: 2,
		subtitle:
			'={{$parameter["events"].length > 1 ? "Inbound SMS and delivery reports" : $parameter["events"][0] === "deliveryReport" ? "Delivery reports" : "Inbound SMS"}}',
		description: 'Starts the workflow when an SMS arrives on your iP.1 number or when a sent SMS changes status',
		defaults: { name: 'iP.1 SMS Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ip1SmsApi', required: true }],
		webhooks: [triggerWebhook],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{
						name: 'Delivery Report',
						value: 'deliveryReport',
						description: 'A message sent with this trigger’s URL as Delivery Report URL changes status',
					},
					{
						name: 'Inbound SMS',
						value: 'inboundSms',
						description: 'A text arrives on the account’s virtual number',
					},
				],
				default: ['inboundSms'],
			},
			{
				displayName:
					'Inbound SMS: while this trigger listens, the account’s callback URL for incoming SMS points at it. It is put back as it was when the workflow is deactivated or the test ends.',
				name: 'inboundNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { events: ['inboundSms'] } },
			},
			{
				displayName: 'If Another Callback URL Is Set',
				name: 'ifCallbackUrlSet',
				type: 'options',
				options: [
					{
						name: 'Fail and Name the URL That Is Set',
						value: 'fail',
						description: 'Leave the other URL alone and report it: nothing changes',
					},
					{
						name: 'Take It Over and Restore It Later',
						value: 'takeOver',
						description: 'Point the account at this trigger, and put the other URL back when the trigger stops',
					},
				],
				default: 'fail',
				description: 'What to do when the account already sends inbound SMS somewhere else',
				displayOptions: { show: { events: ['inboundSms'] } },
			},
			{
				displayName: 'Handle Opt-Out Keywords',
				name: 'handleOptOut',
				type: 'boolean',
				default: false,
				description:
					'Whether an inbound SMS that is only an opt-out keyword (e.g. STOPP) puts its sender on the account’s blacklist, so iP.1 sends that number nothing more, and starts the workflow with event "optOut"',
				displayOptions: { show: { events: ['inboundSms'] } },
			},
			{
				displayName: 'Opt-Out Keywords',
				name: 'optOutKeywords',
				type: 'string',
				default: 'STOP, STOPP, AVSLUTA, UNSUBSCRIBE',
				description:
					'Separated by commas. An SMS is an opt-out when its whole text is one of these, ignoring case, spaces and punctuation around it: “Stopp!” is, “Stop by at 3” is not.',
				displayOptions: { show: { events: ['inboundSms'], handleOptOut: [true] } },
			},
			{
				displayName: 'Inbound SMS to Pass On',
				name: 'optOutFilter',
				type: 'options',
				options: [
					{ name: 'All (Opt-Outs Marked)', value: 'all', description: 'Every inbound SMS; opt-outs have event "optOut"' },
					{ name: 'All but Opt-Outs', value: 'withoutOptOuts', description: 'Opt-outs are blacklisted and start nothing' },
					{ name: 'Only Opt-Outs', value: 'optOutsOnly', description: 'Other inbound SMS start nothing' },
				],
				default: 'all',
				description: 'Which inbound SMS start the workflow. Opt-outs are blacklisted either way.',
				displayOptions: { show: { events: ['inboundSms'], handleOptOut: [true] } },
			},
			{
				displayName:
					'Delivery reports go to the URL given with each send. Copy this trigger’s <b>Production URL</b> (Webhook URLs, above) and paste it, as it is, into iP.1 SMS → Send → Options → Delivery Report URL, with the same iP.1 credential: the send adds this trigger’s secret itself (derived from the credential, never shown or stored). For a test, paste the Test URL the same way.',
				name: 'deliveryReportNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { events: ['deliveryReport'] } },
			},
			{
				displayName: 'Delivery Report Secret',
				name: 'deliveryReportSecret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Optional, for URLs built by hand with ?secret= (as earlier versions asked): reports carrying this secret are accepted too. At least 16 characters (A–Z, a–z, 0–9, . _ ~ -). Leave empty when you paste the plain URL.',
				displayOptions: { show: { events: ['deliveryReport'] } },
			},
			{
				displayName: 'Delivery Reports',
				name: 'deliveryReportFilter',
				type: 'options',
				options: [
					{ name: 'All Reports', value: 'all', description: 'Every status change' },
					{
						name: 'Only Delivered',
						value: 'delivered',
						description: 'Only 201 DeliveredToHandset: the text reached the phone',
					},
					{
						name: 'Only Failed',
						value: 'failed',
						description: 'Only final reports without delivery: expired, canceled, rejected, undeliverable',
					},
					{
						name: 'Only Final Reports',
						value: 'final',
						description: 'The last report of each message, delivered or not',
					},
				],
				default: 'all',
				description: 'Which delivery reports start the workflow. The others are still answered, so iP.1 does not send them again.',
				displayOptions: { show: { events: ['deliveryReport'] } },
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteWebhook.call(this);
			},
		},
	};

	webhook = handleWebhook;

	execute = executionStep;
}
