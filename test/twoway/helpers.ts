import type { INodeParameters } from 'n8n-workflow';

import type { SandboxHandle } from '../../sandbox';
import type { SandboxCredentials } from '../harness/engine';
import { newHost } from '../trigger/harness/fixtures';
import type { TriggerHost } from '../trigger/harness/triggerHost';
import type { WebhookServer } from '../trigger/harness/webhookServer';
import { WaitHost } from './harness/waitHost';

export const ASKED = '46701234567';

export function askParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'sms',
		operation: 'sendAndWait',
		sender: { __rl: true, mode: 'name', value: 'iP1' },
		sendTo: ASKED,
		message: 'Your appointment is tomorrow at 10:00. Reply JA to confirm or NEJ to cancel.',
		responseType: 'approval',
		...overrides,
	};
}

/** An account whose inbound SMS go to an active iP.1 SMS Trigger workflow (the reply route). */
export async function activeTrigger(server: WebhookServer, account: SandboxCredentials): Promise<TriggerHost> {
	const trigger = newHost(server, account, { events: ['inboundSms'] });
	await trigger.activate();
	return trigger;
}

export function newWait(server: WebhookServer, account: SandboxCredentials, overrides: INodeParameters = {}): WaitHost {
	return new WaitHost(server, account, askParameters(overrides));
}

/** The recipient answers by SMS; everything the answer set off is done when this returns. */
export async function reply(
	sandbox: SandboxHandle,
	account: SandboxCredentials,
	from: string,
	body: string,
	hosts: Array<{ idle(): Promise<void> }>,
): Promise<void> {
	await sandbox.control.injectInbound({ token: account.apiToken, from, body });
	await sandbox.control.settle();
	for (const host of hosts) await host.idle();
}

/** The batch Send and Wait sent (the newest outgoing batch of the account). */
export function sentBatches(sandbox: SandboxHandle, account: SandboxCredentials) {
	return sandbox.control.state(account.apiToken).batches.filter((batch) => String(batch.direction).toLowerCase() !== 'mo');
}
