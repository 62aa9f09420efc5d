import { orderField, pagingFields, readCollection, readOrder } from '../common/fields';
import { perItem } from '../common/operation';
import { batchOutput } from './batches';

const fields = [...pagingFields, orderField];

export const { description, execute } = perItem('batch', 'getAll', fields, async function (itemIndex) {
	// The list omits price and message summary (documented): use Batch → Get for those.
	const batches = await readCollection(this, itemIndex, { path: '/v2/batches', order: readOrder(this, itemIndex) });
	return batches.map(batchOutput);
});
