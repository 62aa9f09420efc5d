import type { IDataObject } from 'n8n-workflow';

import { normaliseBatch, readField } from '../../../shared/dialect/documents';
import { isPlainObject } from '../../../shared/values';

const COUNTS = ['totalMessages', 'totalSms', 'delivered', 'failed', 'pending'];

/** A batch for output: normalised, price and counts lifted to the top (list items have neither: the API omits them). */
export function batchOutput(raw: IDataObject): IDataObject {
	const batch = normaliseBatch(raw);
	const price = readField(batch, 'priceSummary');
	if (isPlainObject(price)) {
		batch.price = readField(price, 'total') as number;
		batch.currency = readField(price, 'currency') as string;
		batch.averagePrice = readField(price, 'average') as number;
	}
	const decoded = batch.messageSummaryDecoded as IDataObject | undefined;
	if (decoded) {
		for (const count of COUNTS) batch[count] = decoded[count];
	}
	return batch;
}
