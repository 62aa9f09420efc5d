import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import { useSandbox } from '../harness/sandbox';

/*
 * Send and Wait asks once, whatever retries it (issue 18): the question's POST dropped after iP.1 took
 * it, the lookup that follows failing once (so the first try fails), and n8n's Retry On Fail running
 * the node again: the second try finds the question by its reference instead of asking again.
 */
const fixture = useSandbox();

const CASES: Array<[string, INodeParameters, string[]]> = [
	['for Response', { resource: 'sms', operation: 'sendAndWait', sender: 'iP1', sendTo: '46706100001', message: 'Reply JA to confirm.', responseType: 'approval' }, ['46706100001']],
	['for Delivery', { resource: 'sms', operation: 'sendAndWaitForDelivery', sender: 'iP1', recipients: '46706100002, 46706100003', message: 'Your parcel is on its way.' }, ['46706100002', '46706100003']],
];

test.each(CASES)('Send and Wait %s with Retry On Fail: one question, and the execution waits', async (_, parameters, recipients) => {
	const credentials = fixture.newAccount();
	const { control } = fixture.sandbox;
	// An inbound route as an active iP.1 SMS Trigger registers it (Send and Wait for Response refuses to ask without one).
	await fetch(`${credentials.baseUrl}/v2/me/sms/settings/IncomingCallbackUrl`, {
		method: 'PUT',
		headers: { authorization: `Bearer ${credentials.apiToken}`, 'content-type': 'application/json' },
		body: JSON.stringify('http://127.0.0.1:5678/webhook/0c1d/ip1sms'),
	});
	control.clearFaults();
	control.addFault({ method: 'POST', path: '/v2/batches', kind: 'drop', process: true });
	control.addFault({ method: 'GET', path: /^\/v2\/conversations\//, kind: 'status', status: 500, times: 3 });
	const result = await runNode({ parameters, credentials, retryOnFail: { maxTries: 3, waitBetweenTries: 200 } });
	expect(result.error).toBeUndefined();
	expect(result.run.waitTill).toBeInstanceOf(Date);
	const state = control.state(credentials.apiToken);
	expect(state.batches).toHaveLength(1);
	expect(state.batches[0].reference).toMatch(/^n8n-wait-[0-9a-f]{16}$/);
	expect(state.messages.map((message) => message.recipient).sort()).toEqual(recipients);
	// The first try failed (the lookup could not tell); the second found the question.
	expect(control.countRequests({ method: 'GET', path: /^\/v2\/conversations\// })).toBeGreaterThanOrEqual(4);
});
