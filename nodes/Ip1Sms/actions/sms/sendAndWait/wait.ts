import { NodeOperationError, WAIT_INDEFINITELY, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { asNodeError } from '../../../../shared/errors/apiErrors';
import { scrubUrls } from '../../../../shared/redaction';
import { SENT_AT_PARAM, WAIT_KIND_PARAM, WAIT_REFERENCE_PREFIX, type WaitKind } from '../../../../shared/waitProtocol';
import type { DeliveryWindow } from '../1-read/schedule';
import type { SendSettings } from '../1-read/settings';
import { chooseDatacoding } from '../2-plan/requests';
import { openSendLedger, sendExactlyOnce } from '../3-send/exactlyOnce';
import type { SentBatch } from '../3-send/sentBatch';
import { maskErrorSecrets } from '../4-report/output';

/* What both Send and Wait operations do to wait: the resume URL, the time limit, the one SMS, the output at the limit. */

/**
 * The URL that resumes this execution at this node (`<webhook-waiting base>/<execution id>/<node id>`, running its
 * `webhook()`). Send and Wait gets n8n's signed resume URL (1.1xx and 2.x): nobody can change its query. n8n signs
 * only for `sendAndWait` operations, so Send and Wait for Delivery takes `$execution.resumeUrl` (it carries the
 * resume token) plus the node id. A secret (whoever has it can answer): iP.1 alone gets it, as delivery-report URL.
 */
export function resumeUrlFor(context: IExecuteFunctions, kind: WaitKind, sentAt: number, extra: Record<string, string> = {}): string {
	const query = { [WAIT_KIND_PARAM]: kind, [SENT_AT_PARAM]: String(sentAt), ...extra };
	if (kind === 'reply') {
		if (typeof context.getSignedResumeUrl !== 'function') throw unsupported(context);
		return context.getSignedResumeUrl(query);
	}
	const resumeUrl = context.evaluateExpression('{{ $execution.resumeUrl }}', 0);
	if (typeof resumeUrl !== 'string' || resumeUrl === '') throw unsupported(context);
	const url = new URL(resumeUrl);
	url.pathname = `${url.pathname.replace(/\/+$/, '')}/${encodeURIComponent(context.getNode().id)}`;
	for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
	return url.toString();
}

function unsupported(context: IExecuteFunctions): NodeOperationError {
	return new NodeOperationError(context.getNode(), 'This n8n version cannot resume a waiting execution from a signed URL', {
		description: 'Send and Wait needs an n8n version that signs resume URLs (1.123 and 2.x are tested). Nothing was sent.',
	});
}

const UNIT_MS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/**
 * When the wait ends by itself; refused before anything is sent. `startsAt`: when the SMS can go out
 * (Quiet Hours), an interval counts from then (default now); `withoutLimit` (default WAIT_INDEFINITELY).
 */
export function waitTillOf(context: IExecuteFunctions, now: number, rules: { startsAt?: number; withoutLimit?: Date } = {}): Date {
	const limit = context.getNodeParameter('options.limitWaitTime.values', 0, {}) as IDataObject;
	if (Object.keys(limit).length === 0) return rules.withoutLimit ?? WAIT_INDEFINITELY;
	let waitTill: Date;
	if (limit.limitType === 'atSpecifiedTime') {
		waitTill = new Date(String(limit.maxDateAndTime ?? ''));
	} else {
		const amount = Number(limit.resumeAmount ?? 1);
		const unit = UNIT_MS[String(limit.resumeUnit ?? 'hours')] ?? UNIT_MS.hours;
		waitTill = new Date((rules.startsAt ?? now) + amount * unit);
	}
	if (Number.isNaN(waitTill.getTime()) || waitTill.getTime() <= (rules.startsAt ?? now)) {
		throw new NodeOperationError(context.getNode(), 'Item 0: "Limit Wait Time" must end in the future', {
			itemIndex: 0,
			description:
				'Give a positive amount of time, or a date and time that has not passed yet (and, with Quiet Hours, that comes after they end). Nothing was sent.',
		});
	}
	return waitTill;
}

interface WaitSms {
	sender: string;
	msisdns: string[];
	text: string;
	/** The execution's resume URL, sent as the batch's delivery-report URL (waitProtocol.ts). */
	resumeUrl: string;
	/** Quiet Hours' delivery windows (none: at once). */
	deliveryWindows?: DeliveryWindow[];
}

/**
 * One batch through the send pipeline's own stages, exactly once across tries, read back until every
 * recipient has its message id. Its reference, `n8n-wait-` and 16 hex digits, marks a question a
 * workflow waits on. Its errors never show the resume URL.
 */
export async function sendWaitSms(context: IExecuteFunctions, sms: WaitSms): Promise<SentBatch> {
	try {
		const ledger = openSendLedger(context);
		const reference = `${WAIT_REFERENCE_PREFIX}${ledger.referenceFor(waitIdentity(sms)).replace(/^n8n-/, '')}`;
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
		const datacoding = chooseDatacoding('auto', [sms.text]);
		return await sendExactlyOnce(context, ledger, { settings, recipients: sms.msisdns, reference, datacoding, itemIndex: 0 });
	} catch (error) {
		const nodeError = asNodeError(context.getNode(), error);
		nodeError.message = scrubUrls(nodeError.message, [sms.resumeUrl]);
		throw maskErrorSecrets(nodeError);
	}
}

/**
 * Who is asked what, by which execution. The resume URL's query changes with every try, its path is the execution's:
 * a retried execution (a new one) asks again so replies reach it; another try of the same node asks nothing twice.
 */
function waitIdentity(sms: WaitSms): unknown[] {
	const waitingAt = sms.resumeUrl.split('?')[0];
	return ['wait', waitingAt, sms.sender, sms.msisdns, sms.text.split(sms.resumeUrl).join(waitingAt)];
}

/**
 * What the execution goes on with at the time limit. n8n resumes a timed-out wait by running the node again,
 * disabled: it passes on its execution-stack entry's input, so the prepared items become that entry's `data` (a new
 * object; the previous node's items are untouched); a reply replaces it through n8n's own resume path. An engine
 * that hands out no stack entry keeps n8n's default (the input goes on).
 */
export function goOnWithWhenTimedOut(context: IExecuteFunctions, items: INodeExecutionData[]): void {
	const entry = typeof context.getExecuteData === 'function' ? context.getExecuteData() : undefined;
	if (entry) entry.data = { main: [items] };
}
