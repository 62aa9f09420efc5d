import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { asNodeError } from '../../../shared/errors/apiErrors';
import { forOperations } from '../common/display';
import { getParameter } from '../common/parameters';
import { maskErrorSecrets, maskOutputSecrets } from './4-report/urlSecrets';
import { SEND, sendFields } from './fields';
import { sendPerItem } from './perItem';
import { sendPersonalised } from './personalised';

export const description: INodeProperties[] = forOperations('sms', ['send'], sendFields);

/**
 * The send pipeline, in the order its folders are numbered and called: 1-read (every item's
 * parameters → checked settings, recipients, texts, before the first request), 2-plan (requests,
 * chunks, datacoding, references), 3-send (each request exactly once: POST /v2/batches, its answer
 * through the dialect, a lookup when the answer was unclear → SentBatch), 4-report (SentBatch →
 * output items; no API call). perItem.ts and personalised.ts run them once each, in that order.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const mode = String(getParameter(this, SEND.mode, 0));
	// One place for both modes: nothing a send shows — outputs, error items, errors — carries a URL secret.
	try {
		const output = mode === 'personalised' ? await sendPersonalised(this, items) : await sendPerItem(this, items);
		return maskOutputSecrets(output);
	} catch (error) {
		throw maskErrorSecrets(asNodeError(this.getNode(), error));
	}
}
