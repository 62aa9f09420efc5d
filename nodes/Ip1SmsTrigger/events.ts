/** The two kinds of event the trigger starts workflows on. Values appear in the output as `event`. */
export type TriggerEvent = 'inboundSms' | 'deliveryReport';

export const TRIGGER_EVENTS: readonly TriggerEvent[] = ['inboundSms', 'deliveryReport'];

export const EVENT_LABELS: Record<TriggerEvent, string> = {
	inboundSms: 'inbound SMS',
	deliveryReport: 'delivery reports',
};

/** The path part of the webhook URL: `<n8n>/webhook/<node webhook ID>/ip1sms`. Stable, documented. */
export { TRIGGER_WEBHOOK_PATH as WEBHOOK_PATH } from '../shared/triggerUrls';

export function selectedEvents(value: unknown): Set<TriggerEvent> {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
	return new Set(list.filter((event): event is TriggerEvent => TRIGGER_EVENTS.includes(event as TriggerEvent)));
}
