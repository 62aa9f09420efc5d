import { normaliseMessage } from '../../../shared/dialect/documents';
import { batchIdField, pagingFields, readBatchId, readCollection } from '../common/fields';
import { perItem } from '../common/operation';

const fields = [batchIdField(), ...pagingFields];

export const { description, execute } = perItem('message', 'getAll', fields, async function (itemIndex) {
	const path = `/v2/batches/${encodeURIComponent(readBatchId(this, itemIndex))}/messages`;
	return (await readCollection(this, itemIndex, { path })).map(normaliseMessage);
});
