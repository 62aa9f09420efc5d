import { NodeOperationError, type IHookFunctions, type IWebhookFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/transport/context';
import { isTestMode } from './parameters';
import { deriveInboundSecret } from './secret';

type TriggerContext = IHookFunctions | IWebhookFunctions;

/** `<workflow id>/<node id>`: whose registrations static data holds (see Registration.owner). */
export function ownerOf(context: TriggerContext): string {
	const node = context.getNode();
	return `${context.getWorkflow().id ?? ''}/${node.id ?? node.name}`;
}

/**
 * The inbound secret of this trigger in the current mode (test or production), derived from the
 * credential's API token: the same in create() and in every webhook call, with or without static
 * data. A new API key gives a new secret; checkExists then finds the setting stale and create()
 * registers the new one.
 */
export async function inboundSecretOf(context: TriggerContext): Promise<string> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const token = typeof credentials.apiToken === 'string' ? credentials.apiToken : '';
	if (token.trim() === '') {
		// Without a token the secret would be computable from the workflow alone.
		throw new NodeOperationError(context.getNode(), 'The iP.1 SMS API credential has no API token', {
			description: 'Open the credential and paste an API key of your iP.1 account.',
		});
	}
	return inboundSecretFromToken(context, token);
}

/** The inbound secret of this trigger in the current mode, from an API token already read. */
export function inboundSecretFromToken(context: TriggerContext, token: string): string {
	const node = context.getNode();
	return deriveInboundSecret(token, {
		test: isTestMode(context),
		workflowId: context.getWorkflow().id ?? '',
		nodeId: node.id ?? node.name,
		webhookId: node.webhookId ?? '',
	});
}
