import type { IWebhookFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/transport/context';
import { deriveDeliveryReportSecret } from '../shared/triggerUrls';
import { deliveryReportSecretOf } from './parameters';
import { secretsMatch } from './secret';

/**
 * Which secrets a delivery report may carry: the one derived from the credential's API token and
 * this trigger's webhook ID — what the Send node adds to the trigger's plain URL when it sends with
 * the same credential (nodes/shared/triggerUrls.ts) — and the Delivery Report Secret when one is
 * set, for URLs that carry it because they were built by hand before.
 */
export async function deliveryReportCheck(context: IWebhookFunctions): Promise<(presented: string) => boolean> {
	const expected = [deliveryReportSecretOf(context), await derivedSecret(context)].filter((secret): secret is string => Boolean(secret));
	return (presented) => {
		// Every comparison runs: how many secrets are configured does not show in the timing.
		let accepted = false;
		for (const secret of expected) accepted = secretsMatch(presented, secret) || accepted;
		return accepted;
	};
}

async function derivedSecret(context: IWebhookFunctions): Promise<string | undefined> {
	const webhookId = context.getNode().webhookId ?? '';
	try {
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		const token = typeof credentials.apiToken === 'string' ? credentials.apiToken : '';
		// Without a token the secret would be computable from the URL alone.
		if (token.trim() !== '' && webhookId !== '') return deriveDeliveryReportSecret(token, webhookId);
	} catch (error) {
		context.logger.warn(
			`iP.1 SMS Trigger: could not read the iP.1 SMS API credential to check a delivery report (${(error as Error).message}); only the Delivery Report Secret is accepted`,
		);
	}
	return undefined;
}
