import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { asNodeError } from '../../../shared/errors/apiErrors';
import { forOperations } from '../common/display';
import { getParameter } from '../common/parameters';
import { maskErrorSecrets, maskOutputSecrets } from './5-report/urlSecrets';
import { SEND, sendFields } from './fields';
import { sendPerItem } from './perItem';
import { sendPersonalised } from './personalised';

export const description: INodeProperties[] = forOperations('sms', ['send'], sendFields);

/**
 * The send pipeline, in the order its folders are numbered: 1-compose (parameters → settings,
 * recipients, texts), 2-validate (every item before the first request), 3-plan (requests, chunks,
 * datacoding), 4-send (POST /v2/batches, never twice), 5-report (what each batch became, outputs).
 * perItem.ts and personalised.ts run them for each mode.
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
