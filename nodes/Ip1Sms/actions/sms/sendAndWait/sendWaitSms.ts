import type { IExecuteFunctions } from 'n8n-workflow';

import { WAIT_REFERENCE_PREFIX } from '../../../../shared/waitProtocol';
import type { DeliveryWindow } from '../1-read/deliveryWindows';
import type { SendSettings } from '../1-read/settings';
import { chooseDatacoding } from '../2-plan/encoding';
import { openSendLedger } from '../3-send/sendLedger';
import type { SentBatch } from '../3-send/sentBatch';
import { sendExactlyOnce } from '../3-send/exactlyOnce';

export interface WaitSms {
	sender: string;
	msisdns: string[];
	text: string;
	/** The execution's resume URL, sent as the batch's delivery-report URL (waitProtocol.ts). */
	resumeUrl: string;
	/** Quiet Hours' delivery windows (none: at once). */
	deliveryWindows?: DeliveryWindow[];
}

/**
 * One batch through the send pipeline's own stages, exactly once across tries (exactlyOnce.ts), then
 * read back until every recipient has its message id. Its reference, `n8n-wait-` and 16 hex digits,
 * marks the batch as a question a workflow waits on (`sent.reference`).
 */
export async function sendWaitSms(context: IExecuteFunctions, sms: WaitSms): Promise<SentBatch> {
	const ledger = openSendLedger(context);
	const reference = waitReference(ledger.referenceFor(waitIdentity(sms)));
	const settings: SendSettings = {
		sender: sms.sender,
		text: sms.text,
		type: 'sms',
		encoding: 'auto',
		priority: 'normal',
		deliveryWindows: sms.deliveryWindows ?? [],
		deliveryReportUrl: sms.resumeUrl,
		reference,
		tags: [],
		defaultCountryCode: '',
		recipientsPerRequest: sms.msisdns.length,
		lookUpMessageIds: true,
		combineItems: false,
		simplify: false,
	};
	const request = {
		settings,
		recipients: sms.msisdns,
		reference,
		datacoding: chooseDatacoding('auto', [sms.text]),
		itemIndex: 0,
	};
	return await sendExactlyOnce(context, ledger, request);
}

/** The ledger's `n8n-…` reference as a question's: `n8n-wait-…` (what the trigger's reply routing looks for). */
function waitReference(derived: string): string {
	return `${WAIT_REFERENCE_PREFIX}${derived.replace(/^n8n-/, '')}`;
}

/**
 * Who is asked what, by which execution. The resume URL's query (when the question was sent) changes
 * with every try, its path is the execution's own: a retried execution is a new execution, whose
 * question must be asked again for replies to reach it, while another try of the same execution's
 * node asks nothing twice.
 */
function waitIdentity(sms: WaitSms): unknown[] {
	const waitingAt = sms.resumeUrl.split('?')[0];
	return ['wait', waitingAt, sms.sender, sms.msisdns, sms.text.split(sms.resumeUrl).join(waitingAt)];
}
