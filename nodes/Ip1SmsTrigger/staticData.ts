import type { IDataObject } from 'n8n-workflow';

import { withoutQuestionsMark } from '../shared/callbackSetting';
import { matchesFingerprint, secretFingerprint, secretOfUrl } from './secret';
import type { PersistedSeen } from './seenFormat';

/**
 * What the trigger keeps in the workflow's static data (per node). n8n saves it with the production
 * workflow after activation and after every webhook call; a test listening session gets its own,
 * empty copy that lives as long as the session. So production and test never share a registration,
 * and each mode restores exactly what it replaced. No secret is kept here: the inbound secret is
 * derived from the credential (secret.ts), and a registration keeps only its fingerprint.
 */
export interface TriggerStaticData {
	/** Registrations of the account's IncomingCallbackUrl, keyed by the webhook URL (without the secret). */
	registrations?: Record<string, Registration>;
	/** Recently seen events, compact (fingerprint + minute per event, see seenFormat.ts). */
	seen?: PersistedSeen;
}

export interface Registration {
	/** SHA-256 (base64url) of the secret in the URL this trigger wrote. */
	secretSha256: string;
	/** `<workflow id>/<node id>` of the trigger that wrote it: static data copied with a workflow is not the copy's. */
	owner?: string;
	/** The value it replaced, restored on deactivation; null = the setting was not set. */
	previous: string | null;
	/**
	 * The setting already pointed at this trigger when it registered, and the record of what it had
	 * replaced was lost (static data lost or reset): deactivation then leaves the setting alone.
	 */
	previousUnknown?: boolean;
	registeredAt: string;
}

export function triggerData(staticData: IDataObject): TriggerStaticData {
	return staticData as TriggerStaticData;
}

function isRegistration(value: unknown): value is Registration {
	if (!value || typeof value !== 'object') return false;
	const record = value as Registration;
	return typeof record.secretSha256 === 'string';
}

/** This trigger's registration for `webhookUrl`; one written by another workflow or node does not count. */
export function registrationFor(staticData: IDataObject, webhookUrl: string, owner: string): Registration | undefined {
	const registration = triggerData(staticData).registrations?.[webhookUrl];
	if (!isRegistration(registration)) return undefined;
	return registration.owner === undefined || registration.owner === owner ? registration : undefined;
}

/** This trigger's registrations in this mode (normally one; more if n8n's base URL changed). */
export function registrationsOf(staticData: IDataObject, owner: string): Array<[string, Registration]> {
	return Object.keys(triggerData(staticData).registrations ?? {}).flatMap((webhookUrl) => {
		const registration = registrationFor(staticData, webhookUrl, owner);
		return registration ? [[webhookUrl, registration] as [string, Registration]] : [];
	});
}

/** Whether `value` (the account's setting) is exactly what this registration wrote. */
export function holdsRegistration(registration: Registration, webhookUrl: string, value: string | null): boolean {
	if (value === null) return false;
	const secret = secretOfUrl(withoutQuestionsMark(value), webhookUrl);
	return secret !== undefined && matchesFingerprint(secret, registration.secretSha256);
}

/** Whether a presented secret is the one this registration put in the account's setting. */
export function registrationAccepts(registration: Registration, presented: string): boolean {
	return matchesFingerprint(presented, registration.secretSha256);
}

export function newRegistration(
	secret: string,
	owner: string,
	previous: { value: string | null; unknown: boolean },
): Registration {
	const registration: Registration = {
		secretSha256: secretFingerprint(secret),
		owner,
		previous: previous.value,
		registeredAt: new Date().toISOString(),
	};
	if (previous.unknown) registration.previousUnknown = true;
	return registration;
}

export function saveRegistration(staticData: IDataObject, webhookUrl: string, registration: Registration): void {
	const data = triggerData(staticData);
	// Reassigned rather than mutated in place, so n8n's change tracking notices and saves it.
	data.registrations = { ...(data.registrations ?? {}), [webhookUrl]: registration };
}

export function forgetRegistration(staticData: IDataObject, webhookUrl: string): void {
	const data = triggerData(staticData);
	if (!data.registrations?.[webhookUrl]) return;
	const rest = { ...data.registrations };
	delete rest[webhookUrl];
	if (Object.keys(rest).length === 0) delete data.registrations;
	else data.registrations = rest;
}
