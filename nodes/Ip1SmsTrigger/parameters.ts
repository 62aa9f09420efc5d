import type { IExecuteFunctions, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

type TriggerContext = IHookFunctions | IWebhookFunctions | IExecuteFunctions;

/** The two kinds of event the trigger starts workflows on. Values appear in the output as `event`. */
export type TriggerEvent = 'inboundSms' | 'deliveryReport';

export const EVENT_LABELS: Record<TriggerEvent, string> = {
	inboundSms: 'inbound SMS',
	deliveryReport: 'delivery reports',
};

export function selectedEvents(value: unknown): Set<TriggerEvent> {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
	const known = (event: unknown): event is TriggerEvent => typeof event === 'string' && Object.hasOwn(EVENT_LABELS, event);
	return new Set(list.filter(known));
}

/** Which delivery reports start the workflow (the trigger's "Delivery Reports" option). */
type DeliveryReportFilter = 'all' | 'final' | 'delivered' | 'failed';

/** `failed` = final without reaching the phone: 202 Expired, 203 Canceled, every rejection (4xx) and error (5xx). */
export function passesFilter(filter: DeliveryReportFilter, outcome: { delivered: boolean; final: boolean }): boolean {
	if (filter === 'final') return outcome.final;
	if (filter === 'delivered') return outcome.delivered;
	if (filter === 'failed') return outcome.final && !outcome.delivered;
	return true;
}

export function toFilter(value: unknown): DeliveryReportFilter {
	return value === 'final' || value === 'delivered' || value === 'failed' ? value : 'all';
}

export function eventsOf(context: IHookFunctions | IWebhookFunctions): Set<TriggerEvent> {
	return selectedEvents(context.getNodeParameter('events', []));
}

export function deliveryReportSecretOf(context: IHookFunctions | IWebhookFunctions): string {
	const value = context.getNodeParameter('deliveryReportSecret', '');
	return typeof value === 'string' ? value.trim() : '';
}

/** n8n runs the webhook methods with mode 'manual' for the test URL (Listen for Test Event). */
export function isTestMode(context: TriggerContext): boolean {
	return context.getMode() === 'manual';
}

/** One trigger node of one workflow, in one mode: whose secret, registrations and seen events these are. */
export interface TriggerIdentity {
	test: boolean;
	workflowId: string;
	nodeId: string;
	webhookId: string;
}

export function identityOf(context: TriggerContext): TriggerIdentity {
	const node = context.getNode();
	return {
		test: isTestMode(context),
		workflowId: context.getWorkflow().id ?? '',
		nodeId: node.id ?? node.name,
		webhookId: node.webhookId ?? '',
	};
}

/** `<workflow id>/<node id>`: whose registrations static data holds (see Registration.owner). */
export function ownerOf(context: TriggerContext): string {
	const { workflowId, nodeId } = identityOf(context);
	return `${workflowId}/${nodeId}`;
}
