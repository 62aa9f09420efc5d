import { NodeOperationError, type IHookFunctions } from 'n8n-workflow';

import { CALLBACK_SETTING, readCallbackUrl, removeCallbackUrl, writeCallbackUrl } from './callbackSetting';
import { callbackOwner, isLocalOnly } from './callbackUrls';
import { conflictChoiceOf, deliveryReportSecretOf, eventsOf, isTestMode } from './parameters';
import { generateSecret, MIN_SECRET_LENGTH, redactUrl, withSecret } from './secret';
import { forgetRegistration, registrationFor, saveRegistration, triggerData } from './staticData';

/*
 * n8n calls these for the production URL (activation, and on every n8n start) and for the test URL
 * (Listen for Test Event, then delete after the test event or the listening timeout). Each mode has
 * its own static data, and everything below is keyed by the exact webhook URL of the mode, so the
 * two never mistake each other's registration for their own.
 */

function webhookUrlOf(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n did not provide a webhook URL for this trigger');
	return url;
}

/** Refuses to activate with a Delivery Report Secret that cannot protect the URL users paste. */
function assertDeliveryReportSecret(context: IHookFunctions): void {
	if (!eventsOf(context).has('deliveryReport')) return;
	const secret = deliveryReportSecretOf(context);
	if (secret.length < MIN_SECRET_LENGTH || !/^[A-Za-z0-9._~-]+$/.test(secret)) {
		throw new NodeOperationError(context.getNode(), 'The Delivery Report Secret is missing or too weak', {
			description: `Use at least ${MIN_SECRET_LENGTH} characters from A–Z, a–z, 0–9 and . _ ~ - (they go into a URL unchanged), e.g. a random string from a password generator.`,
		});
	}
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	assertDeliveryReportSecret(this);
	const webhookUrl = webhookUrlOf(this);
	const staticData = this.getWorkflowStaticData('node');
	const registration = registrationFor(staticData, webhookUrl);
	// Delivery reports need nothing registered: their URL travels with each batch. A registration
	// left from when Inbound SMS was selected sends n8n to create(), which undoes it.
	if (!eventsOf(this).has('inboundSms')) return registration === undefined;
	const secret = triggerData(staticData).inboundSecret;
	if (!registration || !secret || registration.registeredUrl !== withSecret(webhookUrl, secret)) return false;
	// Exact comparison: the same trigger's URL of the other mode, or with another secret, is not "ours".
	return (await readCallbackUrl.call(this)) === registration.registeredUrl;
}

export async function create(this: IHookFunctions): Promise<boolean> {
	assertDeliveryReportSecret(this);
	if (!eventsOf(this).has('inboundSms')) return await undoRegistration(this);
	const node = this.getNode();
	const webhookUrl = webhookUrlOf(this);
	const staticData = this.getWorkflowStaticData('node');
	const data = triggerData(staticData);
	if (!data.inboundSecret) data.inboundSecret = generateSecret();
	const target = withSecret(webhookUrl, data.inboundSecret);
	const current = await readCallbackUrl.call(this);
	const existing = registrationFor(staticData, webhookUrl);

	let previous: string | null;
	switch (callbackOwner(current, webhookUrl, node)) {
		case 'unset':
		case 'self':
			// Ours (or nothing): what to restore is what we replaced the first time, if we know it.
			previous = existing?.previous ?? null;
			break;
		case 'sibling':
			if (isTestMode(this)) {
				// Testing while the workflow is active: the production URL is "another URL" for this test.
				assertMayTakeOver(this, current as string, true);
				previous = current;
			} else {
				// A test registration left behind (n8n stopped while listening): ours, and stale.
				this.logger.warn(
					`iP.1 SMS Trigger: replacing a test URL left in the account's ${CALLBACK_SETTING} (${redactUrl(current as string)})`,
				);
				previous = null;
			}
			break;
		default:
			assertMayTakeOver(this, current as string, false);
			previous = current;
	}

	if (current !== target) await writeCallbackUrl.call(this, target);
	saveRegistration(staticData, webhookUrl, { registeredUrl: target, previous, registeredAt: new Date().toISOString() });
	if (isLocalOnly(webhookUrl)) {
		this.logger.warn(
			`iP.1 SMS Trigger: the webhook URL ${webhookUrl} is only reachable from this machine, so iP.1 cannot deliver inbound SMS to it. Set n8n's WEBHOOK_URL to a public address.`,
		);
	}
	return true;
}

function assertMayTakeOver(context: IHookFunctions, current: string, ownProductionUrl: boolean): void {
	if (conflictChoiceOf(context) === 'takeOver') return;
	const shown = redactUrl(current);
	const takeOverHint =
		'set "If Another Callback URL Is Set" to "Take It Over and Restore It Later": the trigger then puts this URL back when it stops listening';
	if (ownProductionUrl) {
		throw new NodeOperationError(
			context.getNode(),
			`iP.1 already sends inbound SMS to this workflow's production URL (${shown})`,
			{
				description: `The workflow is active, and the account has only one callback URL for inbound SMS. Deactivate the workflow to test it, or ${takeOverHint}.`,
			},
		);
	}
	throw new NodeOperationError(context.getNode(), `iP.1 already sends inbound SMS to another URL: ${shown}`, {
		description: `The account has only one callback URL for inbound SMS ("Settings for incoming SMS" in the iP.1 portal). Remove it there if it is no longer used, or ${takeOverHint}.`,
	});
}

export async function deleteWebhook(this: IHookFunctions): Promise<boolean> {
	// Goes by what was registered, not by the current parameters: they may have changed since.
	return await undoRegistration(this);
}

/** Puts back what this trigger's registration (in the current mode) replaced, if it is still in place. */
async function undoRegistration(context: IHookFunctions): Promise<boolean> {
	const webhookUrl = webhookUrlOf(context);
	const staticData = context.getWorkflowStaticData('node');
	const registration = registrationFor(staticData, webhookUrl);
	if (!registration) return true;
	const current = await readCallbackUrl.call(context);
	if (current === registration.registeredUrl) {
		if (registration.previous === null) await removeCallbackUrl.call(context);
		else await writeCallbackUrl.call(context, registration.previous);
	} else {
		// Someone changed the setting after us: only our own change is ever undone.
		context.logger.warn(
			`iP.1 SMS Trigger: left the account's ${CALLBACK_SETTING} unchanged on deactivation: it was changed to ${current === null ? 'nothing' : redactUrl(current)} after the trigger set it`,
		);
	}
	// Forgotten only once undone: if the API call above failed, the next attempt still knows what to restore.
	forgetRegistration(staticData, webhookUrl);
	return true;
}
