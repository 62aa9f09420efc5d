// Workflows of the queue-mode e2e. Senders start with n8n's Webhook node, so that a production
// execution is received by the webhook processor and run by a worker, like any scaled workload:
// Webhook (the list of SMS in the body) → Split Out (one item per SMS) → iP.1 SMS Send.
import { CREDENTIAL, chainWorkflow, triggerWorkflow } from './workflows.mjs';

export const PREVIOUS_CALLBACK = 'https://example.org/previous-inbound-callback';
export const DLR_SECRET = 'queue-dlr-secret-0123456789abcdef';

/** The senders: `count` SMS each, to numbers of their own block (so every SMS can be found at the sandbox). */
export const SENDERS = [
	{ id: 'qSendPerItemA001', mode: 'perItem', block: 1, count: 500 },
	{ id: 'qSendPerItemB001', mode: 'perItem', block: 2, count: 500 },
	{ id: 'qSendPersonalC01', mode: 'personalised', block: 3, count: 1000, recipientsPerRequest: 20 },
	{ id: 'qSendPersonalD01', mode: 'personalised', block: 4, count: 1000, recipientsPerRequest: 20 },
];

export const INBOUND_TRIGGER = { id: 'qInboundTrig0001', hookId: 'b1b2c3d4-0000-4000-8000-0000000000a1' };
/**
 * De-duplication, two sets of triggers (docs/queue-mode.md): `pinned` gets every request on one
 * process at a time (the set-up that promises exactly once), `spread` gets them on both at random.
 * Each inbound trigger owns its account's IncomingCallbackUrl: `spread` uses a second account.
 */
export const DEDUPE = {
	pinned: {
		dlr: { id: 'qPinnedDlr000001', hookId: 'b1b2c3d4-0000-4000-8000-0000000000b1' },
		inbound: { id: 'qPinnedInbound01', hookId: 'b1b2c3d4-0000-4000-8000-0000000000b2' },
	},
	spread: {
		dlr: { id: 'qSpreadDlr000001', hookId: 'b1b2c3d4-0000-4000-8000-0000000000c1' },
		inbound: { id: 'qSpreadInbound01', hookId: 'b1b2c3d4-0000-4000-8000-0000000000c2', credential: { id: 'ip1SecondCred001', name: 'iP.1 second account' } },
	},
};

/**
 * Send and Wait in queue mode (e2e/queueWait.mjs): an inbound trigger owning the callback of an
 * account of its own (the other scenarios' triggers own theirs), and a workflow started by n8n's
 * Webhook node that asks one number per execution and goes on with a node after the answer.
 */
export const WAIT = {
	trigger: { id: 'qWaitInbound0001', hookId: 'b1b2c3d4-0000-4000-8000-0000000000d1' },
	asker: { id: 'qWaitAsk00000001', path: 'queue-wait-ask', hookId: 'c1c2c3d4-0000-4000-8000-0000000000d2' },
	credential: { id: 'ip1WaitCred00001', name: 'iP.1 Send and Wait account' },
};

function askerWorkflow() {
	const { asker, credential } = WAIT;
	return chainWorkflow(
		asker.id,
		'Queue: Send and Wait for Response',
		[
			{
				name: 'Ask',
				parameters: {
					resource: 'sms',
					operation: 'sendAndWait',
					sender: { __rl: true, mode: 'name', value: 'iP1' },
					sendTo: '={{ $json.body.to }}',
					message: 'Reply JA to confirm or NEJ to cancel.',
					responseType: 'approval',
				},
			},
			// The part after the answer: it runs only in the resumed execution.
			{
				name: 'After',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				parameters: {
					mode: 'manual',
					includeOtherFields: true,
					assignments: { assignments: [{ id: 'qwait-decision', name: 'decision', value: "={{ $json.approved ? 'approved' : 'declined' }}", type: 'string' }] },
					options: {},
				},
			},
		],
		{
			credential,
			start: {
				id: `${asker.id}-hook`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: asker.hookId,
				parameters: { httpMethod: 'POST', path: asker.path, responseMode: 'onReceived', options: {} },
			},
		},
	);
}

export function senderPath(sender) {
	return `queue-send-${sender.id}`;
}

/** The SMS a sender sends: recipient → text. */
export function smsOf(sender) {
	return Array.from({ length: sender.count }, (_, i) => {
		const to = `4670${String(sender.block * 1_000_000 + i).padStart(7, '0')}`;
		const name = `Client${i}`;
		const code = `${sender.block}-${i}`;
		return { to, name, code, text: sender.mode === 'perItem' ? `Order ${code} is ready` : `Hi ${name}, your code is ${code}` };
	});
}

function senderWorkflow(sender, index) {
	const send =
		sender.mode === 'perItem'
			? // A batch per item (Combine Items off): many requests from two processes at once, under the account's limit.
				{ mode: 'perItem', recipients: '={{ $json.to }}', message: '={{ $json.text }}', options: { combineItems: false } }
			: {
					mode: 'personalised',
					recipients: '={{ $json.to }}',
					message: 'Hi {name}, your code is {code}',
					personalisation: {
						values: [
							{ name: 'name', value: '={{ $json.name }}' },
							{ name: 'code', value: '={{ $json.code }}' },
						],
					},
					options: { recipientsPerRequest: sender.recipientsPerRequest },
				};
	return chainWorkflow(
		sender.id,
		`Queue: ${sender.mode} sender ${sender.block}`,
		[
			{ name: 'Split Out', type: 'n8n-nodes-base.splitOut', parameters: { fieldToSplitOut: 'body.sms', options: {} } },
			{ name: 'Send', executeOnce: false, parameters: { resource: 'sms', operation: 'send', sender: 'Acme', ...send } },
		],
		{
			start: {
				id: `${sender.id}-hook`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `c1c2c3d4-0000-4000-8000-00000000000${index}`,
				parameters: { httpMethod: 'POST', path: senderPath(sender), responseMode: 'onReceived', options: {} },
			},
		},
	);
}

export function queueWorkflows() {
	return [
		...SENDERS.map(senderWorkflow),
		triggerWorkflow(INBOUND_TRIGGER.id, 'Queue: inbound trigger (activation)', {
			webhookId: INBOUND_TRIGGER.hookId,
			parameters: { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' },
		}),
		...Object.entries(DEDUPE).flatMap(([set, { dlr, inbound }]) => [
			triggerWorkflow(dlr.id, `Queue: ${set} delivery reports`, {
				webhookId: dlr.hookId,
				parameters: { events: ['deliveryReport'], deliveryReportSecret: DLR_SECRET, deliveryReportFilter: 'all' },
			}),
			triggerWorkflow(inbound.id, `Queue: ${set} inbound SMS`, {
				webhookId: inbound.hookId,
				parameters: { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' },
				...(inbound.credential ? { credential: inbound.credential } : {}),
			}),
		]),
		triggerWorkflow(WAIT.trigger.id, 'Queue: Send and Wait reply route', {
			webhookId: WAIT.trigger.hookId,
			parameters: { events: ['inboundSms'] },
			credential: WAIT.credential,
		}),
		askerWorkflow(),
	];
}

export { CREDENTIAL };
