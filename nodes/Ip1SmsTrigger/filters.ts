/** Which delivery reports start the workflow (the trigger's "Delivery Reports to Pass On" option). */
export type DeliveryReportFilter = 'all' | 'final' | 'delivered' | 'failed';

export interface ReportOutcome {
	/** Reached the phone (201 DeliveredToHandset only). */
	delivered: boolean;
	/** No further report will follow for this message. */
	final: boolean;
}

/**
 * `failed` = final without reaching the phone: 202 Expired and 203 Canceled count, as do every
 * rejection (4xx) and error (5xx).
 */
export function passesFilter(filter: DeliveryReportFilter, outcome: ReportOutcome): boolean {
	switch (filter) {
		case 'final':
			return outcome.final;
		case 'delivered':
			return outcome.delivered;
		case 'failed':
			return outcome.final && !outcome.delivered;
		default:
			return true;
	}
}

export function toFilter(value: unknown): DeliveryReportFilter {
	return value === 'final' || value === 'delivered' || value === 'failed' ? value : 'all';
}
