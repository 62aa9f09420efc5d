import { Ip1Sms } from '../../nodes/Ip1Sms/Ip1Sms.node';
import { reviewRequestSms } from '../../nodes/Ip1Sms/actions/sms/sendAndWait/sendAndWait.operation';
import { runNode, type SandboxCredentials } from '../harness/engine';
import { registerNodeType } from '../harness/nodeTypes';
import { useSandbox } from '../harness/sandbox';
import { sentBatches } from './helpers';

/*
 * n8n 2.x's human-review tool (`ip1SmsHitlTool`) comes with n8n's own Message default,
 * "The agent wants to run this tool: {{ $tool.name }} / Input: {{ $tool.parameters }}", which
 * reaches a phone as "Input: [object Object]". With that default the approver gets the tool call
 * spelt out, and how to answer.
 */
const HITL_TYPE = 'n8n-nodes-ip1sms.ip1SmsHitlTool';
registerNodeType(HITL_TYPE, () => new Ip1Sms());
const N8N_DEFAULT = '=The agent wants to run this tool: {{ $tool.name }}\n\nInput:\n{{ $tool.parameters }}';
const APPROVER = '46701112233';
const fixture = useSandbox();

const toolCall = { tool: 'Send_SMS', toolParameters: { Recipients: '+46709876543', Message: 'Din tid är flyttad till 14:00.' }, toolCallId: 'call_1' };

async function accountWithReplyRoute(): Promise<SandboxCredentials> {
	const account = fixture.newAccount();
	const res = await fetch(`${account.baseUrl}/v2/me/sms/settings/IncomingCallbackUrl`, {
		method: 'PUT',
		headers: { authorization: `Bearer ${account.apiToken}`, 'content-type': 'application/json' },
		body: JSON.stringify('http://127.0.0.1:9/webhook/route/ip1sms'),
	});
	expect(res.status).toBeLessThan(300);
	return account;
}

function review(account: SandboxCredentials, message: string | undefined, extra: Record<string, unknown> = {}) {
	return runNode({
		nodeType: HITL_TYPE,
		parameters: {
			resource: 'sms',
			operation: 'sendAndWait',
			sender: { __rl: true, mode: 'name', value: 'iP1' },
			sendTo: APPROVER,
			responseType: 'approval',
			...(message === undefined ? {} : { message }),
			...extra,
		},
		items: [toolCall],
		credentials: account,
		asTool: true,
	});
}

describe('the human-review tool\'s approval SMS', () => {
	test('with n8n\'s default message: the tool, each input on its line, and how to answer; never "[object Object]"', async () => {
		const account = await accountWithReplyRoute();
		const result = await review(account, N8N_DEFAULT);
		expect(result.error).toBeUndefined();
		const [batch] = sentBatches(fixture.sandbox, account);
		const sent = fixture.sandbox.control.state(account.apiToken).messages.filter((m) => m.batchId === batch.id);
		expect(sent.map((m) => m.recipient)).toEqual([APPROVER]);
		expect(batch.body).toBe(
			'Approve? The AI agent wants to run "Send SMS":\nRecipients: +46709876543\nMessage: Din tid är flyttad till 14:00.\nReply YES or JA to approve, NO or NEJ to refuse.',
		);
	});

	test('the answer line follows the Approve and Decline Keywords', async () => {
		const account = await accountWithReplyRoute();
		await review(account, N8N_DEFAULT, { approvalOptions: { values: { approveKeywords: 'JA, OK', declineKeywords: 'NEJ' } } });
		expect(sentBatches(fixture.sandbox, account)[0].body).toMatch(/\nReply JA or OK to approve, NEJ to refuse\.$/);
	});

	test('a message the author wrote is sent as written ($tool.parameters.Recipients renders the value)', async () => {
		const account = await accountWithReplyRoute();
		await review(account, '=SMS till {{ $tool.parameters.Recipients }}? Svara JA eller NEJ.');
		expect(sentBatches(fixture.sandbox, account)[0].body).toBe('SMS till +46709876543? Svara JA eller NEJ.');
	});

	test('long inputs are cut so that the SMS stays within 2,000 characters and still says how to answer', () => {
		const text = reviewRequestSms('Send_SMS', { Recipients: '+46709876543', Message: 'x'.repeat(2500) }, { approve: ['ja'], decline: ['nej'] });
		expect(text.length).toBe(2000);
		expect(text).toMatch(/x…\nReply JA to approve, NEJ to refuse\.$/);
	});

	test('objects in the input are written as JSON', () => {
		const text = reviewRequestSms('Update_Contact', { id: 7, fields: { city: 'Malmö' }, labels: ['vip'] }, { approve: ['yes'], decline: ['no'] });
		expect(text).toBe('Approve? The AI agent wants to run "Update Contact":\nid: 7\nfields: {"city":"Malmö"}\nlabels: ["vip"]\nReply YES to approve, NO to refuse.');
	});
});
