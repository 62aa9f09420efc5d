import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError } from '../../../shared/errors/apiErrors';
import { withNote } from '../../../shared/errors/notes';
import { errorItem } from '../common/items';
import { validateEveryItem, validatePersonalised } from './1-read/items';
import { planPersonalisedRequests, type PersonalisedRequest } from './2-plan/requests';
import { requestsProgressNote } from './3-send/progress';
import { openSendLedger, type SendLedger } from './3-send/sendLedger';
import { personalisedOutputs, type Outcome } from './4-report/itemOutputs';
import type { SentBatch } from './3-send/sentBatch';
import { sendExactlyOnce } from './3-send/exactlyOnce';

/**
 * Mode "One Personalised Batch for All Items": every item is a recipient of one templated request
 * (split into requests of "Recipients per Request"). All items are composed and validated before
 * anything is sent (1, 2): without Continue On Fail the first bad item stops the node before any
 * request; with it, bad items come back as errors paired to their input and the good ones are
 * planned into requests (3), sent (4) and reported (5).
 */
export async function sendPersonalised(context: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const valid = validateEveryItem(context, items.length, validatePersonalised);
	const outcome: Outcome = {
		failures: new Map(Array.from(valid.errors, ([itemIndex, error]) => [itemIndex, errorItem(error, itemIndex)])),
		delivered: new Map(),
	};
	const ledger = openSendLedger(context);
	const plan = planPersonalisedRequests(Array.from(valid.values.values()), ledger.referenceFor);
	await sendAll(context, ledger, plan.requests, outcome);
	return personalisedOutputs(context, items.length, plan.items, outcome);
}

async function sendAll(context: IExecuteFunctions, ledger: SendLedger, requests: PersonalisedRequest[], outcome: Outcome): Promise<void> {
	const sentSoFar: SentBatch[] = [];
	for (let index = 0; index < requests.length; index++) {
		const request = requests[index];
		let batch: SentBatch;
		try {
			batch = await sendExactlyOnce(context, ledger, request);
		} catch (error) {
			const nodeError = asNodeError(context.getNode(), error);
			if (!context.continueOnFail()) {
				throw withNote(nodeError, requestsProgressNote(sentSoFar, requests, index, request.reference));
			}
			for (const { item } of request.entries) {
				const failed = errorItem(nodeError, item.itemIndex);
				failed.json.reference = request.reference;
				outcome.failures.set(item.itemIndex, failed);
			}
			continue;
		}
		sentSoFar.push(batch);
		for (const { item } of request.entries) {
			const batches = outcome.delivered.get(item.itemIndex) ?? [];
			if (!batches.includes(batch)) batches.push(batch);
			outcome.delivered.set(item.itemIndex, batches);
		}
	}
}
