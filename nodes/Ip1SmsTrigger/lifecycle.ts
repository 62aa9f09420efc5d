import { NodeOperationError, type IDataObject, type IHookFunctions, type INode } from 'n8n-workflow';

import { redactUrl } from '../shared/redaction';
import {
	CALLBACK_SETTING,
	markNeededAt,
	questionsMarkOf,
	readCallbackUrl,
	removeCallbackUrl,
	withoutQuestionsMark,
	withQuestionsMark,
	writeCallbackUrl,
	type QuestionsMark,
} from '../shared/callbackSetting';
import { isTriggerUrl, TRIGGER_WEBHOOK_PATH, withSecret } from '../shared/triggerUrls';
import { MAX_QUESTION_AGE_MS } from '../shared/waitProtocol';
import { deliveryReportSecretOf, eventsOf, isTestMode, ownerOf } from './parameters';
import { inboundSecretOf, matchesFingerprint, MIN_SECRET_LENGTH, secretFingerprint, secretOfUrl } from './secrets';

/*
 * n8n calls these for the production URL (activation, every n8n start) and the test URL (Listen for Test Event;
 * delete after the event or the timeout). Each mode has its own static data, keyed by its exact webhook URL.
 */

/** A registration of the account's IncomingCallbackUrl, kept in static data by webhook URL (without the secret). */
export interface Registration {
	/** SHA-256 (base64url) of the secret in the URL this trigger wrote. */
	secretSha256: string;
	/** `<workflow id>/<node id>` of the trigger that wrote it: static data copied with a workflow is not the copy's. */
	owner?: string;
	/** The value it replaced, restored on deactivation; null = the setting was not set. */
	previous: string | null;
	/** The setting already pointed here and the record of what it replaced was lost: deactivation leaves it alone. */
	previousUnknown?: boolean;
	registeredAt: string;
}

function registrationsIn(staticData: IDataObject): Record<string, Registration> | undefined {
	return (staticData as { registrations?: Record<string, Registration> }).registrations;
}

/** This trigger's registration for `webhookUrl`; one written by another workflow or node does not count. */
function registrationFor(staticData: IDataObject, webhookUrl: string, owner: string): Registration | undefined {
	const registration = registrationsIn(staticData)?.[webhookUrl];
	if (typeof registration?.secretSha256 !== 'string') return undefined;
	return registration.owner === undefined || registration.owner === owner ? registration : undefined;
}

/** This trigger's registrations in this mode (normally one; more if n8n's base URL changed). */
export function registrationsOf(staticData: IDataObject, owner: string): Registration[] {
	const webhookUrls = Object.keys(registrationsIn(staticData) ?? {});
	return webhookUrls.flatMap((webhookUrl) => registrationFor(staticData, webhookUrl, owner) ?? []);
}

/** Whether `value` (the account's setting) is exactly what this registration wrote. */
function holdsRegistration(registration: Registration, webhookUrl: string, value: string | null): boolean {
	if (value === null) return false;
	const secret = secretOfUrl(withoutQuestionsMark(value), webhookUrl);
	return secret !== undefined && matchesFingerprint(secret, registration.secretSha256);
}

/** Reassigned rather than mutated in place, so n8n's change tracking notices and saves it. */
function setRegistrations(staticData: IDataObject, registrations: Record<string, Registration>): void {
	if (Object.keys(registrations).length === 0) delete staticData.registrations;
	else staticData.registrations = registrations as unknown as IDataObject;
}

/**
 * How the account's IncomingCallbackUrl relates to this trigger: `self` is its URL in this mode (whatever its secret),
 * `sibling` in the other mode (production while testing, or a test URL left behind), `foreign` anything else.
 */
type CallbackOwner = 'unset' | 'self' | 'sibling' | 'foreign';

export function withoutQuery(url: string): string {
	const end = url.search(/[?#]/);
	return end < 0 ? url : url.slice(0, end);
}

function pathOf(url: string): string {
	try {
		return new URL(url).pathname.replace(/\/+$/, '');
	} catch {
		return url;
	}
}

/** n8n builds `<base>/<webhook ID>/<path>` (or `<workflow ID>/<node name>/<path>`): the base alone differs by mode. */
function nodeTail(node: INode, webhookUrl: string): string {
	if (node.webhookId) return `/${node.webhookId}/${TRIGGER_WEBHOOK_PATH}`;
	return `/${pathOf(webhookUrl).split('/').slice(-3).join('/')}`;
}

export function callbackOwner(current: string | null, webhookUrl: string, node: INode): CallbackOwner {
	if (current === null) return 'unset';
	const base = withoutQuery(current);
	if (base === webhookUrl) return 'self';
	if (pathOf(base).endsWith(nodeTail(node, webhookUrl))) return 'sibling';
	return 'foreign';
}

/** iP.1 cannot post to a URL that only this machine can reach. */
export function isLocalOnly(url: string): boolean {
	try {
		const host = new URL(url).hostname;
		return host === 'localhost' || host === '[::1]' || /^127\./.test(host) || host.endsWith('.localhost');
	} catch {
		return false;
	}
}

/** The mode's webhook URL, its static data, and this trigger's registration for that URL. */
function registrationHere(context: IHookFunctions) {
	const webhookUrl = context.getNodeWebhookUrl('default');
	if (!webhookUrl) throw new NodeOperationError(context.getNode(), 'n8n did not provide a webhook URL for this trigger');
	const staticData = context.getWorkflowStaticData('node');
	return { webhookUrl, staticData, registration: registrationFor(staticData, webhookUrl, ownerOf(context)) };
}

/** Refuses to activate with a Delivery Report Secret that cannot protect the URL users paste. */
function assertDeliveryReportSecret(context: IHookFunctions): void {
	if (!eventsOf(context).has('deliveryReport')) return;
	const secret = deliveryReportSecretOf(context);
	// Optional: the secret the Send node adds to the plain URL is derived from the credential.
	if (secret === '') return;
	if (secret.length < MIN_SECRET_LENGTH || !/^[A-Za-z0-9._~-]+$/.test(secret)) {
		throw new NodeOperationError(context.getNode(), 'The Delivery Report Secret is too weak', {
			description: `Use at least ${MIN_SECRET_LENGTH} characters from A–Z, a–z, 0–9 and . _ ~ - (they go into a URL unchanged), e.g. a random string from a password generator.`,
		});
	}
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	assertDeliveryReportSecret(this);
	const { webhookUrl, registration } = registrationHere(this);
	// Delivery reports need nothing registered; a registration left from Inbound SMS sends n8n to create() to undo it.
	if (!eventsOf(this).has('inboundSms')) return registration === undefined;
	if (!registration) return false;
	const current = await readCallbackUrl(this);
	// Exact comparison: the same trigger's URL of the other mode, or with another secret, is not "ours".
	if (current === null || !holdsRegistration(registration, webhookUrl, current)) return false;
	// Still this credential's secret (a new API key gives a new one), with the questions mark Send and Wait moves.
	if (questionsMarkOf(current) === 'unknown') return false;
	return withoutQuestionsMark(current) === withSecret(webhookUrl, await inboundSecretOf(this));
}

export async function create(this: IHookFunctions): Promise<boolean> {
	assertDeliveryReportSecret(this);
	if (!eventsOf(this).has('inboundSms')) return await deleteWebhook.call(this);
	const { webhookUrl, staticData, registration: existing } = registrationHere(this);
	const secret = await inboundSecretOf(this);
	const current = await readCallbackUrl(this);
	const target = withQuestionsMark(withSecret(webhookUrl, secret), questionsMarkTaken(current));
	const replaced = whatIsReplaced(this, current, webhookUrl, existing);

	if (current !== target) await writeCallbackUrl(this, target);
	const registration: Registration = {
		secretSha256: secretFingerprint(secret),
		owner: ownerOf(this),
		...replaced,
		registeredAt: new Date().toISOString(),
	};
	setRegistrations(staticData, { ...registrationsIn(staticData), [webhookUrl]: registration });
	if (isLocalOnly(webhookUrl)) {
		this.logger.warn(
			`iP.1 SMS Trigger: the webhook URL ${webhookUrl} is only reachable from this machine, so iP.1 cannot deliver inbound SMS to it. Set n8n's WEBHOOK_URL to a public address.`,
		);
	}
	return true;
}

/**
 * The questions mark the trigger's URL starts with (docs/twoway.md): the setting's own; `none` when nothing was
 * set (no question could be asked); for another URL without one, the full reach of a question asked now (a proxy
 * may have forwarded replies to a trigger).
 */
function questionsMarkTaken(current: string | null): 'none' | number {
	if (current === null) return 'none';
	const mark = questionsMarkOf(current);
	return mark === 'unknown' ? markNeededAt(Date.now(), MAX_QUESTION_AGE_MS) : mark;
}

/** The later of two marks: a restore must not take back what Send and Wait marked meanwhile. */
function laterMark(a: 'none' | number, b: QuestionsMark): 'none' | number {
	if (b === 'unknown' || b === 'none') return a;
	return a === 'none' ? b : Math.max(a, b);
}

/** What deactivation puts back: a trigger's URL (production after a test, say) keeps the later mark of both. */
function restoredValue(previous: string, current: string): string {
	if (!isTriggerUrl(previous)) return previous;
	return withQuestionsMark(previous, laterMark(questionsMarkTaken(current), questionsMarkOf(previous)));
}

/** What create() replaces: a value to restore, or unknown (then deactivation leaves the setting alone). */
function whatIsReplaced(
	context: IHookFunctions,
	current: string | null,
	webhookUrl: string,
	existing: Registration | undefined,
): Pick<Registration, 'previous' | 'previousUnknown'> {
	const kept = existing && {
		previous: existing.previous,
		...(existing.previousUnknown === true && { previousUnknown: true }),
	};
	const owner = callbackOwner(current, webhookUrl, context.getNode());
	// Nothing set now; if we had registered before, what we replaced then still counts.
	if (owner === 'unset') return kept ?? { previous: null };
	// Testing while the workflow is active: the production URL is "another URL" for this test.
	if (owner === 'foreign' || (owner === 'sibling' && isTestMode(context))) {
		assertMayTakeOver(context, current as string, owner === 'sibling');
		return { previous: current };
	}
	if (owner === 'self' && kept) return kept;
	// Our URL with no record of what it replaced (static data lost or reset), or a test registration left behind.
	context.logger.warn(
		`iP.1 SMS Trigger: the account's ${CALLBACK_SETTING} already points at this trigger (${redactUrl(current as string)}), but the record of what it replaced is gone (the workflow's static data was lost or reset, or n8n stopped while listening for a test event). It is taken over; when the trigger stops it will be left as it is, because what to restore is unknown.`,
	);
	return { previous: null, previousUnknown: true };
}

function assertMayTakeOver(context: IHookFunctions, current: string, ownProductionUrl: boolean): void {
	if (context.getNodeParameter('ifCallbackUrlSet', 'fail') === 'takeOver') return;
	const shown = redactUrl(current);
	const [message, situation] = ownProductionUrl
		? [
				`iP.1 already sends inbound SMS to this workflow's production URL (${shown})`,
				'The workflow is active, and the account has only one callback URL for inbound SMS. Deactivate the workflow to test it',
			]
		: [
				`iP.1 already sends inbound SMS to another URL: ${shown}`,
				'The account has only one callback URL for inbound SMS ("Settings for incoming SMS" in the iP.1 portal). Remove it there if it is no longer used',
			];
	throw new NodeOperationError(context.getNode(), message, {
		description: `${situation}, or set "If Another Callback URL Is Set" to "Take It Over and Restore It Later": the trigger then puts this URL back when it stops listening.`,
	});
}

/** Puts back what this mode's registration replaced if still in place (by the registration, not the parameters now). */
export async function deleteWebhook(this: IHookFunctions): Promise<boolean> {
	const { webhookUrl, staticData, registration } = registrationHere(this);
	if (!registration) return true;
	const current = await readCallbackUrl(this);
	if (!holdsRegistration(registration, webhookUrl, current)) {
		// Someone changed the setting after us: only our own change is ever undone.
		this.logger.warn(
			`iP.1 SMS Trigger: left the account's ${CALLBACK_SETTING} unchanged on deactivation: it was changed to ${current === null ? 'nothing' : redactUrl(current)} after the trigger set it`,
		);
	} else if (registration.previousUnknown === true) {
		// Never delete or overwrite what we cannot restore: the user decides.
		this.logger.warn(
			`iP.1 SMS Trigger: left the account's ${CALLBACK_SETTING} pointing at this trigger (${redactUrl(current as string)}) when it stopped, because what it pointed at before is unknown (the trigger's record of it was lost). iP.1 keeps posting inbound SMS there, and n8n refuses them while the trigger is not listening. Set the callback URL you want in the iP.1 portal (SMS → Settings for incoming SMS) or with the iP.1 SMS node (Setting → Set, key ${CALLBACK_SETTING}), or remove it there (Setting → Delete) if nothing should receive inbound SMS.`,
		);
	} else if (registration.previous === null) {
		await removeCallbackUrl(this);
	} else {
		await writeCallbackUrl(this, restoredValue(registration.previous, current as string));
	}
	// Forgotten only once undone: if the API call above failed, the next attempt still knows what to restore.
	const { [webhookUrl]: undone, ...rest } = registrationsIn(staticData) ?? {};
	if (undone) setRegistrations(staticData, rest);
	return true;
}
