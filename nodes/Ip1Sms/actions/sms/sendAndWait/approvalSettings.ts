import { NodeOperationError, type IDataObject, type IExecuteFunctions, type IWebhookFunctions } from 'n8n-workflow';

import { inputError } from '../../../../shared/errors/inputErrors';
import { DEFAULT_APPROVE_WORDS, DEFAULT_DECLINE_WORDS, DEFAULT_RETRY_HINT } from './fields';
import { overlapping, parseKeywords, type Keywords } from './keywords';

export interface ApprovalSettings extends Keywords {
	/** SMS answering a reply that is no keyword; '' = none. */
	retryHint: string;
}

function fromValues(values: IDataObject): ApprovalSettings {
	return {
		approve: parseKeywords(values.approveKeywords ?? DEFAULT_APPROVE_WORDS),
		decline: parseKeywords(values.declineKeywords ?? DEFAULT_DECLINE_WORDS),
		retryHint: String(values.retryHint ?? DEFAULT_RETRY_HINT).trim(),
	};
}

/** Read and checked before anything is sent: both lists non-empty, no keyword in both. */
export function keywordsOf(context: IExecuteFunctions): ApprovalSettings {
	const settings = fromValues(context.getNodeParameter('approvalOptions.values', 0, {}) as IDataObject);
	const node = context.getNode();
	if (settings.approve.length === 0 || settings.decline.length === 0) {
		const field = settings.approve.length === 0 ? 'Approve Keywords' : 'Decline Keywords';
		throw inputError(node, 0, { field, rule: 'needs at least one keyword', fix: 'Enter the words, separated by commas (e.g. YES, JA).' });
	}
	const both = overlapping(settings);
	if (both.length > 0) {
		throw inputError(node, 0, {
			field: 'Approve Keywords',
			rule: `and "Decline Keywords" both contain ${both.map((word) => `"${word}"`).join(', ')}`,
			fix: 'A keyword may approve or decline, not both: remove it from one list.',
		});
	}
	return settings;
}

/**
 * The same settings when the reply arrives. The webhook of a waiting execution has no input items,
 * so an expression that reads them cannot be resolved then: such a field falls back to its default
 * (the check before sending saw the resolved values; keep keywords as plain text to be sure).
 */
export function approvalSettingsOnReply(context: IWebhookFunctions): ApprovalSettings {
	let values: IDataObject = {};
	try {
		values = context.getNodeParameter('approvalOptions.values', {}) as IDataObject;
	} catch (error) {
		context.logger.warn(`iP.1 SMS Send and Wait: the approval options could not be read (${(error as Error).message}); defaults used`);
	}
	return fromValues(values);
}

/** The response type, read the same way when the reply arrives. */
export function responseTypeOnReply(context: IWebhookFunctions): 'approval' | 'freeText' {
	try {
		return context.getNodeParameter('responseType', 'approval') === 'freeText' ? 'freeText' : 'approval';
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `The response type could not be read: ${(error as Error).message}`);
	}
}
