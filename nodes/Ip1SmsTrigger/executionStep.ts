import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { persistFromExecution, type DedupeScope } from './dedupe';
import { selectedEvents } from './events';
import { executionRan, othersToCome, recordHanded, saveDue } from './savePacing';
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
	const scope = { workflowId, nodeId, test: this.getMode() === 'manual' };
	executionRan(scope);
	// A copy from before an activation has no registration yet: saving it would wipe the record of what to restore.
	const current = !inbound || registrationsOf(staticData, `${workflowId}/${nodeId}`).length > 0;
	if (current && saveIsMine(scope)) {
		const nowMs = Date.now();
		if (persistFromExecution(scope, staticData, nowMs)) recordHanded(scope, 'execution', nowMs);
	}
	return [items];
}

/**
 * Paced (savePacing.ts): at most once a second while other executions of the trigger are still to
 * come in this process, and always by one that finds none to come (the last of a burst). Never by
 * waiting: the step must not delay the workflow, nor let a later report's execution overtake it.
 */
function saveIsMine(scope: DedupeScope): boolean {
	const nowMs = Date.now();
	return saveDue(scope, 'execution', nowMs) || !othersToCome(scope, nowMs);
}
