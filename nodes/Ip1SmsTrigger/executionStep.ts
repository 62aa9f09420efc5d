import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { persistFromExecution } from './dedupe';
import { selectedEvents } from './events';
import { registrationsOf } from './staticData';

/**
 * The trigger's own step in the execution it started (n8n runs `execute` of a webhook node that has
 * one): passes the items on unchanged, and gives the execution's static data the de-duplication
 * record. n8n 2.41.1 does not save the record the webhook call handed its static data, but it saves
 * an execution's static data when the execution ends (docs/trigger.md, De-duplication).
 */
export function executionStep(this: IExecuteFunctions): INodeExecutionData[][] {
	const items = this.getInputData();
	const node = this.getNode();
	const workflowId = this.getWorkflow().id ?? '';
	const nodeId = node.id ?? node.name;
	const staticData = this.getWorkflowStaticData('node');
	const inbound = selectedEvents(this.getNodeParameter('events', 0, [])).has('inboundSms');
	// A copy from before an activation has no registration yet: saving it would wipe the record of what to restore.
	const current = !inbound || registrationsOf(staticData, `${workflowId}/${nodeId}`).length > 0;
	if (current) persistFromExecution({ workflowId, nodeId, test: this.getMode() === 'manual' }, staticData, Date.now());
	return [items];
}
