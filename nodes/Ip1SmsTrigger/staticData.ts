import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger keeps in the workflow's static data (per node). n8n saves it with the production
 * workflow after activation and after every webhook call; a test listening session gets its own,
 * empty copy that lives as long as the session. So production and test never share a secret or a
 * registration, and each mode restores exactly what it replaced.
 */
export interface TriggerStaticData {
	/** Secret of the inbound-SMS callback URL, generated on first registration and kept afterwards. */
	inboundSecret?: string;
	/** Registrations of the account's IncomingCallbackUrl, keyed by the webhook URL (without the secret). */
	registrations?: Record<string, Registration>;
	/** Recently seen events (de-duplication key → epoch seconds), see dedupe.ts. */
	seen?: Record<string, number>;
}

export interface Registration {
	/** The exact value this trigger wrote (webhook URL + secret). */
	registeredUrl: string;
	/** The value it replaced, restored on deactivation; null = the setting was not set. */
	previous: string | null;
	registeredAt: string;
}

export function triggerData(staticData: IDataObject): TriggerStaticData {
	return staticData as TriggerStaticData;
}

export function registrationFor(staticData: IDataObject, webhookUrl: string): Registration | undefined {
	const registration = triggerData(staticData).registrations?.[webhookUrl];
	return registration && typeof registration.registeredUrl === 'string' ? registration : undefined;
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
