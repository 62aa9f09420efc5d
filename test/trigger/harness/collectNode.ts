import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { registerNodeType } from '../../harness/nodeTypes';

export const COLLECT_TYPE = 'test.collect';

/** A test-only node after the trigger: passes its input on, so each run shows what reached the workflow. */
export class Collect implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Collect',
		name: 'collect',
		group: ['transform'],
		version: 1,
		description: 'Test-only',
		defaults: { name: 'Collect' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];
	}
}

registerNodeType(COLLECT_TYPE, () => new Collect());
