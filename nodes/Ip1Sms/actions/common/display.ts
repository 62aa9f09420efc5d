import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { OperationOf, Resource } from '../node.type';

/** Our `updateDisplayOptions`: shows fields for that resource and operations only, beside their own conditions. */
export function forOperations<R extends Resource>(
	resource: R,
	operations: ReadonlyArray<OperationOf<R>>,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => shownWhen(property, { resource: [resource], operation: [...operations] }));
}

/** The same for what the whole resource shows (its Operation dropdown). */
export function forResource(resource: Resource, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => shownWhen(property, { resource: [resource] }));
}

function shownWhen(property: INodeProperties, show: NonNullable<IDisplayOptions['show']>): INodeProperties {
	const own = property.displayOptions;
	return { ...property, displayOptions: { ...own, show: { ...own?.show, ...show } } };
}
