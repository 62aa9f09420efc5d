import { WAIT_INDEFINITELY, type IDataObject } from 'n8n-workflow';

/** What every Send and Wait output says about the question that was sent. */
export interface SentQuestion {
	recipient?: string;
	sentMessageId?: string;
	batchId?: string;
	reference?: string;
	/** Epoch milliseconds. */
	sentAt: number;
}

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

function seconds(fromMs: number, toMs: number): number {
	return Math.max(0, Math.round((toMs - fromMs) / 1000));
}

/**
 * Prepared before the execution waits: n8n resumes a wait that reached its time limit with the
 * node's own output, so the limit's outcome is this item, not an error.
 */
export function timeoutOutput(input: SentQuestion & { waitTill: Date; warnings: string[] }): IDataObject {
	const limited = input.waitTill.getTime() !== WAIT_INDEFINITELY.getTime();
	return {
		timedOut: true,
		answeredBy: null,
		approved: null,
		text: null,
		receivedAt: null,
		from: null,
		replyMessageId: null,
		...sentFacts(input),
		waitedSeconds: limited ? seconds(input.sentAt, input.waitTill.getTime()) : null,
		...(input.warnings.length > 0 ? { warnings: input.warnings } : {}),
	};
}

export interface Answer {
	answeredBy: 'sms' | 'link';
	/** Approval only; free text leaves it out. */
	approved?: boolean;
	text: string;
	receivedAt: number;
	from?: string;
	replyMessageId?: string;
}

/** The output the execution resumes with when the answer arrived. */
export function answerOutput(answer: Answer, question: SentQuestion): IDataObject {
	return {
		timedOut: false,
		answeredBy: answer.answeredBy,
		...(answer.approved === undefined ? {} : { approved: answer.approved }),
		text: answer.text,
		receivedAt: iso(answer.receivedAt),
		from: answer.from ?? null,
		replyMessageId: answer.replyMessageId ?? null,
		...sentFacts(question),
		waitedSeconds: seconds(question.sentAt, answer.receivedAt),
	};
}

function sentFacts(question: SentQuestion): IDataObject {
	return {
		recipient: question.recipient ?? null,
		sentMessageId: question.sentMessageId ?? null,
		batchId: question.batchId ?? null,
		reference: question.reference ?? null,
		sentAt: iso(question.sentAt),
	};
}
