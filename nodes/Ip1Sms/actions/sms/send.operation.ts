import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { asNodeError } from '../../transport/apiErrors';
import { sendFields } from './fields';
import { sendPerItem } from './sendPerItem';
import { sendPersonalised } from './sendPersonalised';
import { maskErrorSecrets, maskOutputSecrets } from './urlSecrets';

export const description: INodeProperties[] = sendFields;

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const mode = this.getNodeParameter('mode', 0, 'perItem') as string;
	// One place for both modes: nothing a send shows — outputs, error items, errors — carries a URL secret.
	try {
		const output = mode === 'personalised' ? await sendPersonalised(this, items) : await sendPerItem(this, items);
		return maskOutputSecrets(output);
	} catch (error) {
		throw maskErrorSecrets(asNodeError(this.getNode(), error));
	}
}
