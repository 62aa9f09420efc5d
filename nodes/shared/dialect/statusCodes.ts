export interface StatusInfo {
	code: number;
	name: string;
	group: 'info' | 'success' | 'rejection' | 'error' | 'unknown';
	/** Only 201 DeliveredToHandset means the text reached the phone: 202 Expired and 203 Canceled did not. */
	delivered: boolean;
	/** No further status will follow (groups 2, 4 and 5). */
	final: boolean;
	description: string;
}

const KNOWN: Record<number, [name: string, description: string]> = {
	101: ['Accepted', 'Accepted for processing'],
	102: ['Queued', 'Placed in the send queue'],
	103: ['Funded', 'Paid for; may be sent'],
	104: ['Refunded', 'Price returned to the account balance'],
	110: ['Sending', 'Being sent'],
	111: ['DeliveredToGateway', 'Handed to the next upstream gateway'],
	112: ['DeliveredToCarrier', "Handed to the subscriber's operator"],
	113: ['DeliveredToGSM', 'Put on the GSM network'],
	114: ['QueuedAtGateway', 'Queued at the upstream gateway'],
	201: ['DeliveredToHandset', "Delivered to the recipient's phone"],
	202: ['Expired', 'Expired before it could be delivered (not delivered)'],
	203: ['Canceled', 'Canceled by the user (not delivered)'],
	402: ['InsufficientFunds', 'Account balance too low'],
	403: ['SenderRejected', 'Sender refused, or its ownership is not verified'],
	404: ['ContentRejected', 'Message content refused'],
	405: ['RecipientRejected', 'Recipient refused'],
	406: ['GenericRejected', 'Refused for another reason'],
	407: ['InvalidSender', 'Invalid sender'],
};

const GROUPS: Record<string, [StatusInfo['group'], string]> = {
	'1': ['info', 'Intermediate state'],
	'2': ['success', 'Final state'],
	'4': ['rejection', 'Rejected: a problem with the message itself'],
	'5': ['error', 'Undeliverable, or a failure outside the delivery service'],
};

/** iP.1 adds codes at any time, so unknown codes are classified by their first digit, as it advises. */
export function describeStatus(code: number): StatusInfo {
	const [group, groupDescription] = GROUPS[String(code).charAt(0)] ?? ['unknown', 'Unknown status'];
	const known = KNOWN[code];
	return {
		code,
		name: known?.[0] ?? `Unknown${group === 'unknown' ? '' : group.charAt(0).toUpperCase() + group.slice(1)}${code}`,
		group,
		delivered: code === 201,
		final: group === 'success' || group === 'rejection' || group === 'error',
		description: known?.[1] ?? groupDescription,
	};
}
