import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../../../shared/errors/inputErrors';
import { normaliseBatch, readField } from '../../helpers/normalise';

const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A batch for output: normalised (enums, decoded per-status summary), with the price and the
 * delivered/failed/pending counts lifted to the top so the next node can use them directly.
 * List items carry neither price nor summary (the API omits them there).
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

/** Batch and message IDs go into URL paths: only ID characters are accepted. */
export function readDocumentId(context: IExecuteFunctions, itemIndex: number, parameter: string, field: string): string {
	const id = String(context.getNodeParameter(parameter, itemIndex, '') ?? '').trim();
	if (!DOCUMENT_ID.test(id)) {
		throw inputError(context.getNode(), itemIndex, {
			field,
			rule: 'must be an iP.1 ID (letters and digits, such as 5bc86b6e85c7209830f96936)',
			value: id,
			fix: `Map the ${field.toLowerCase()} from a previous node, e.g. {{ $json.batchId }} from an SMS → Send.`,
		});
	}
	return id;
}
