import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { sendFields } from './fields';
import { sendPerItem } from './sendPerItem';
import { sendPersonalised } from './sendPersonalised';

export const description: INodeProperties[] = sendFields;

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const mode = this.getNodeParameter('mode', 0, 'perItem') as string;
	if (mode === 'personalised') return await sendPersonalised(this, items);
	return await sendPerItem(this, items);
}
