import type { IWebhookFunctions } from 'n8n-workflow';

import { deliveryReportSecretOf } from './parameters';
import { secretsMatch } from './secret';

/**
 * Which secrets a delivery report may carry: the one derived from the credential's API token and
 * this trigger's webhook ID (`derived`, from derivedSecrets.ts) — what the Send node adds to the
 * trigger's plain URL when it sends with the same credential (nodes/shared/triggerUrls.ts) — and the
 * Delivery Report Secret when one is set, for URLs that carry it because they were built by hand before.
 */
export function deliveryReportCheck(context: IWebhookFunctions, derived: string | undefined): (presented: string) => boolean {
	const expected = [deliveryReportSecretOf(context), derived].filter((secret): secret is string => Boolean(secret));
	return (presented) => {
		// Every comparison runs: how many secrets are configured does not show in the timing.
		let accepted = false;
		for (const secret of expected) accepted = secretsMatch(presented, secret) || accepted;
		return accepted;
	};
}
