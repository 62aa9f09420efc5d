import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isPlainObject } from '../../../../shared/values';
import { MAX_TEXT_LENGTH } from '../1-read/settings';
import type { Keywords } from './questionRules';

/*
 * n8n 2.x turns this node into an AI-agent "human review" tool (`ip1SmsHitlTool`) and gives it its
 * own Message parameter, whose default (n8n's tool-generation/hitl-tools) is the text below. Inside
 * text `{{ $tool.parameters }}` renders as "[object Object]": the approver's SMS would not say what
 * is to be approved. While that default is in place, the SMS is written here instead, from what
 * the agent asked for (the input item's `tool` and `toolParameters`, which n8n's `$tool` reads).
 */
const N8N_DEFAULT_MESSAGE = '=The agent wants to run this tool: {{ $tool.name }}\n\nInput:\n{{ $tool.parameters }}';
const CUT = '…';

const squashed = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Whether this node runs as the human-review tool with n8n's default message (absent or unchanged). */
export function usesDefaultReviewMessage(context: IExecuteFunctions): boolean {
	const node = context.getNode();
	if (!node.type.endsWith('HitlTool')) return false;
	const raw = node.parameters.message;
	return raw === undefined || (typeof raw === 'string' && squashed(raw) === squashed(N8N_DEFAULT_MESSAGE));
}

/** The tool call under review, as n8n hands it to the human-review node; undefined when absent. */
export function toolCallUnderReview(context: IExecuteFunctions): { name: string; parameters: IDataObject } | undefined {
	const json = context.getInputData()[0]?.json ?? {};
	if (typeof json.tool !== 'string' || !isPlainObject(json.toolParameters)) return undefined;
	return { name: json.tool, parameters: json.toolParameters };
}

function shown(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value === null || value === undefined) return '';
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** "YES or JA" from the first two keywords of a list, upper case. */
function firstTwo(words: string[]): string {
	return words
		.slice(0, 2)
		.map((word) => word.toUpperCase())
		.join(' or ');
}

/**
 * An SMS an approver can act on from a phone: what the agent wants to do, each parameter on its own
 * line ("Recipients: +46701234567", "Message: …"), and how to answer. At most 2,000 characters:
 * parameters are cut (with "…") before the answer line is.
 */
export function reviewRequestSms(toolName: string, parameters: IDataObject, keywords: Keywords): string {
	const head = `Approve? The AI agent wants to run "${toolName.replace(/_/g, ' ')}":`;
	const answer = `Reply ${firstTwo(keywords.approve)} to approve, ${firstTwo(keywords.decline)} to refuse.`;
	const lines = Object.entries(parameters).map(([key, value]) => `${key}: ${shown(value)}`);
	let body = lines.length > 0 ? lines.join('\n') : '(no input)';
	const room = MAX_TEXT_LENGTH - head.length - answer.length - 2;
	if (body.length > room) body = body.slice(0, room - CUT.length) + CUT;
	return `${head}\n${body}\n${answer}`;
}
