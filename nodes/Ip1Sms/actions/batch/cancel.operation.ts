import type { IDataObject } from 'n8n-workflow';

import { answeredWith } from '../../../shared/dialect/errorBody';
import { asNodeError } from '../../../shared/errors/apiErrors';
import { withNote } from '../../../shared/errors/notes';
import { ip1ApiRequest } from '../../../shared/transport';
import { isPlainObject } from '../../../shared/values';
import { batchIdField, readBatchId } from '../common/fields';
import { perItem } from '../common/operation';
import { batchOutput } from './batches';

const fields = [
	batchIdField('. Only messages not sent yet (scheduled with Send At or Delivery Windows) can be canceled.'),
];

/** Cancels the messages not final yet (203 Canceled); a retry finding nothing left (409) is answered from the batch. */
export const { description, execute } = perItem('batch', 'cancel', fields, async function (itemIndex) {
	const path = `/v2/batches/${encodeURIComponent(readBatchId(this, itemIndex))}`;
	const readBatch = async () => {
		return batchOutput((await ip1ApiRequest.call(this, { method: 'GET', path, itemIndex })) as IDataObject);
	};
	let response: unknown;
	try {
		response = await ip1ApiRequest.call(this, { method: 'DELETE', path, itemIndex });
	} catch (error) {
		if (!answeredWith(error, '409')) throw asNodeError(this.getNode(), error);
		const batch = await readBatch();
		if (canceledCount(batch) > 0 && batch.pending === 0) return { ...batch, canceled: true, alreadyCanceled: true };
		throw withNote(
			error,
			`Nothing left to cancel: the batch's messages are all final (${batch.delivered ?? 0} delivered, ${batch.failed ?? 0} not delivered).`,
		);
	}
	return { ...(isPlainObject(response) ? batchOutput(response) : await readBatch()), canceled: true };
});

function canceledCount(batch: IDataObject): number {
	const statuses = ((batch.messageSummaryDecoded as IDataObject | undefined)?.statuses ?? []) as IDataObject[];
	return statuses.filter((status) => status.code === 203).reduce((total, status) => total + Number(status.messages ?? 0), 0);
}
