import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { selectedEvents, type TriggerEvent } from './events';
import { toFilter, type DeliveryReportFilter } from './filters';
import { keywordsOf, toOptOutFilter, type OptOutHandling } from './optOut';

type TriggerContext = IHookFunctions | IWebhookFunctions;

export type CallbackConflictChoice = 'fail' | 'takeOver';

export function eventsOf(context: TriggerContext): Set<TriggerEvent> {
	return selectedEvents(context.getNodeParameter('events', []));
}

export function conflictChoiceOf(context: TriggerContext): CallbackConflictChoice {
	return context.getNodeParameter('ifCallbackUrlSet', 'fail') === 'takeOver' ? 'takeOver' : 'fail';
}

export function deliveryReportSecretOf(context: TriggerContext): string {
	const value = context.getNodeParameter('deliveryReportSecret', '');
	return typeof value === 'string' ? value.trim() : '';
}

export function deliveryReportFilterOf(context: TriggerContext): DeliveryReportFilter {
	return toFilter(context.getNodeParameter('deliveryReportFilter', 'all'));
}

/** "Handle Opt-Out Keywords" (inbound SMS only): its keywords and which inbound SMS to pass on; undefined when off. */
export function optOutHandlingOf(context: TriggerContext): OptOutHandling | undefined {
	if (!eventsOf(context).has('inboundSms') || context.getNodeParameter('handleOptOut', false) !== true) return undefined;
	return {
		keywords: keywordsOf(context.getNodeParameter('optOutKeywords', '')),
		filter: toOptOutFilter(context.getNodeParameter('optOutFilter', 'all')),
	};
}

/** n8n runs the webhook methods with mode 'manual' for the test URL (Listen for Test Event). */
export function isTestMode(context: TriggerContext): boolean {
	return context.getMode() === 'manual';
}
