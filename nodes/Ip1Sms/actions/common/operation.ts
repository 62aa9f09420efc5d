import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OperationOf, Resource } from '../node.type';
import { forOperations, forResource } from './display';
import { forEachItem, type ItemResult } from './items';

/** What every `<op>.operation.ts` exports: its fields, and its handler of all input items. */
export interface Operation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

/** An operation that handles the input items one by one (forEachItem): its fields and what it does for one item. */
export function perItem<R extends Resource>(
	resource: R,
	operation: OperationOf<R>,
	fields: INodeProperties[],
	run: (this: IExecuteFunctions, itemIndex: number) => Promise<ItemResult>,
): Operation {
	return {
		description: forOperations(resource, [operation], fields),
		async execute(items) {
			return await forEachItem(this, items, async (itemIndex) => await run.call(this, itemIndex));
		},
	};
}

type Operations<R extends Resource> = { [O in OperationOf<R>]: Operation };

/** An entry of the Operation dropdown, by its value: name, description, action. */
type OptionRow = [name: string, description: string, action: string];

/** A resource's Operation dropdown (alphabetical, as the lint asks), its operations' fields, and its operations. */
export function resourceOperations<R extends Resource>(
	resource: R,
	defaultOperation: OperationOf<R>,
	operations: Operations<R>,
	options: { [O in OperationOf<R>]: OptionRow },
): { description: INodeProperties[]; operations: Operations<R> } {
	const values = Object.keys(options) as Array<OperationOf<R>>;
	const dropdown: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: values.map((value): INodePropertyOptions => {
			const [name, description, action] = options[value];
			return { name, value, description, action };
		}),
		default: defaultOperation,
	};
	const fields = values.flatMap((value) => operations[value].description);
	return { description: [...forResource(resource, [dropdown]), ...fields], operations };
}
