import type { IDataObject } from 'n8n-workflow';

import { normaliseBatch, readField } from '../../../shared/dialect/documents';

/**
 * A batch for output: normalised, with the price and the delivered/failed/pending counts lifted to the top for the
 * next node. List items carry neither price nor summary (the API omits them there).
 */
export function batchOutput(raw: IDataObject): IDataObject {
	const batch = normaliseBatch(raw);
	const price = readField(batch, 'priceSummary');
	if (price && typeof price === 'object' && !Array.isArray(price)) {
		const summary = price as IDataObject;
		batch.price = readField(summary, 'total') as number;
		batch.currency = readField(summary, 'currency') as string;
		batch.averagePrice = readField(summary, 'average') as number;
	}
	const decoded = batch.messageSummaryDecoded as IDataObject | undefined;
	if (decoded) {
		batch.totalMessages = decoded.totalMessages;
		batch.totalSms = decoded.totalSms;
		batch.delivered = decoded.delivered;
		batch.failed = decoded.failed;
		batch.pending = decoded.pending;
	}
	return batch;
}
