import { NodeApiError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { asNodeError } from '../../../shared/errors/apiErrors';
import { withNote } from '../../../shared/errors/notes';
import { ip1ApiRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { batchIdField, readBatchId } from '../common/fields';
import { forEachItem } from '../common/items';
import { batchOutput } from './batches';

export const description: INodeProperties[] = forOperations('batch', ['cancel'], [
	batchIdField('. Only messages not sent yet (scheduled with Send At or Delivery Windows) can be canceled.'),
]);

/**
 * DELETE /v2/batches/{id} cancels the messages of a batch that are not final yet (they end as 203
 * Canceled). DELETE is retried after unclear failures; a retry that finds nothing left to cancel
 * (409) is answered from the batch itself, so canceling twice reports the canceled batch instead of
 * an error.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const batchId = readBatchId(this, itemIndex);
		const path = `/v2/batches/${encodeURIComponent(batchId)}`;
		let response: unknown;
		try {
			response = await ip1ApiRequest.call(this, { method: 'DELETE', path, itemIndex });
		} catch (error) {
			if (!(error instanceof NodeApiError) || error.httpCode !== '409') throw asNodeError(this.getNode(), error);
			const batch = batchOutput((await ip1ApiRequest.call(this, { method: 'GET', path, itemIndex })) as IDataObject);
			const canceled = canceledCount(batch);
			if (canceled > 0 && batch.pending === 0) return { ...batch, canceled: true, alreadyCanceled: true };
			throw withNote(
				error,
				`Nothing left to cancel: the batch's messages are all final (${batch.delivered ?? 0} delivered, ${batch.failed ?? 0} not delivered).`,
			);
		}
		const batch =
			response && typeof response === 'object' && !Array.isArray(response)
				? batchOutput(response as IDataObject)
				: batchOutput((await ip1ApiRequest.call(this, { method: 'GET', path, itemIndex })) as IDataObject);
		return { ...batch, canceled: true };
	});
}

function canceledCount(batch: IDataObject): number {
	const statuses = ((batch.messageSummaryDecoded as IDataObject | undefined)?.statuses ?? []) as IDataObject[];
	return statuses.filter((status) => status.code === 203).reduce((total, status) => total + Number(status.messages ?? 0), 0);
}
