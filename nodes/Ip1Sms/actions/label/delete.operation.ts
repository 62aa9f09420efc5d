import { normaliseLabelSummary } from '../../../shared/dialect/resources';
import { ip1ApiRequest } from '../../../shared/transport';
import { perItem } from '../common/operation';
import { existingLabelField, readLabelToDelete } from './fields';

export const { description, execute } = perItem('label', 'delete', [existingLabelField], async function (itemIndex) {
	const labelName = readLabelToDelete(this, itemIndex);
	const path = `/v2/labels/${encodeURIComponent(labelName)}`;
	const body = await ip1ApiRequest.call(this, { method: 'DELETE', path, itemIndex });
	return { ...normaliseLabelSummary(body, labelName), deleted: true };
});
