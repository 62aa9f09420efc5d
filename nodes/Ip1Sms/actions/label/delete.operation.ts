import { normaliseLabelSummary } from '../../../shared/dialect/resources';
import { ip1ApiRequest } from '../../../shared/transport';
import { perItem } from '../common/operation';
import { EXISTING_LABEL, existingLabelField, readLabelName } from './fields';

export const { description, execute } = perItem('label', 'delete', [existingLabelField], async function (itemIndex) {
	const labelName = readLabelName(this, itemIndex, EXISTING_LABEL);
	const path = `/v2/labels/${encodeURIComponent(labelName)}`;
	const body = await ip1ApiRequest.call(this, { method: 'DELETE', path, itemIndex });
	return { ...normaliseLabelSummary(body, labelName), deleted: true };
});
