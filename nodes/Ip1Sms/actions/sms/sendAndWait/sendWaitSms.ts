import { randomBytes } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

import { WAIT_REFERENCE_PREFIX } from '../../../../shared/waitProtocol';
import type { DeliveryWindow } from '../1-compose/deliveryWindows';
import type { SendSettings } from '../1-compose/settings';
import { chooseDatacoding } from '../3-plan/encoding';
import { postBatch } from '../4-send/postBatch';
import { learnBatch, type SentBatch } from '../5-report/sentBatch';

export interface WaitSms {
	sender: string;
	msisdns: string[];
	text: string;
	reference: string;
	/** The execution's resume URL, sent as the batch's delivery-report URL (waitProtocol.ts). */
	resumeUrl: string;
	/** Quiet Hours' delivery windows (none: at once). */
	deliveryWindows?: DeliveryWindow[];
}

/** `n8n-wait-` and 16 random hex digits: marks the batch as a question a workflow waits on. */
export function newWaitReference(): string {
	return `${WAIT_REFERENCE_PREFIX}${randomBytes(8).toString('hex')}`;
}

/**
 * One batch through the send pipeline's own stages 4 and 5: POSTed once (never twice, enum forms
 * learnt per credential), then read back until every recipient has its message id.
 */
export async function sendWaitSms(context: IExecuteFunctions, sms: WaitSms): Promise<SentBatch> {
	const settings: SendSettings = {
		sender: sms.sender,
		text: sms.text,
		type: 'sms',
		encoding: 'auto',
		priority: 'normal',
		deliveryWindows: sms.deliveryWindows ?? [],
		deliveryReportUrl: sms.resumeUrl,
		reference: sms.reference,
		tags: [],
		defaultCountryCode: '',
		recipientsPerRequest: sms.msisdns.length,
		lookUpMessageIds: true,
		simplify: false,
	};
	const request = {
		settings,
		recipients: sms.msisdns,
		reference: sms.reference,
		datacoding: chooseDatacoding('auto', [sms.text]),
		itemIndex: 0,
	};
	return await learnBatch(context, await postBatch(context, request));
}
