import { sleep, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { persistFromExecution, type DedupeScope } from './dedupe';
import { selectedEvents } from './events';
import { claimLastSave, executionRan, othersToCome, recordHanded, saveDue } from './savePacing';
import { registrationsOf } from './staticData';

/**
 * The trigger's own step in the execution it started (n8n runs `execute` of a webhook node that has
 * one): passes the items on unchanged, and gives the execution's static data the de-duplication
 * record. n8n 2.41.1 does not save the record the webhook call handed its static data, but it saves
 * an execution's static data when the execution ends (docs/trigger.md, De-duplication).
 */
export async function executionStep(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const workflowId = this.getWorkflow().id ?? '';
	const nodeId = node.id ?? node.name;
	const staticData = this.getWorkflowStaticData('node');
	const inbound = selectedEvents(this.getNodeParameter('events', 0, [])).has('inboundSms');
	const scope = { workflowId, nodeId, test: this.getMode() === 'manual' };
	executionRan(scope);
	// A copy from before an activation has no registration yet: saving it would wipe the record of what to restore.
	const current = !inbound || registrationsOf(staticData, `${workflowId}/${nodeId}`).length > 0;
	if (current && (await saveIsMine(scope))) {
		const nowMs = Date.now();
		if (persistFromExecution(scope, staticData, nowMs)) recordHanded(scope, 'execution', nowMs);
	}
	return [items];
}

/**
 * Paced (savePacing.ts): about once a second during a burst, and by its last execution, which waits
 * out the rest of the second first (at most SAVE_INTERVAL_MS) unless a later one takes over.
 */
async function saveIsMine(scope: DedupeScope): Promise<boolean> {
	const nowMs = Date.now();
	if (saveDue(scope, 'execution', nowMs)) return true;
	if (othersToCome(scope, nowMs)) return false;
	const claim = claimLastSave(scope, nowMs);
	await sleep(claim.waitMs);
	return claim.stillMine();
}
