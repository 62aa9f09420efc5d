import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Ip1Sms } from '../../nodes/Ip1Sms/Ip1Sms.node';
import { forOperations } from '../../nodes/Ip1Sms/actions/common/display';
import { operations } from '../../nodes/Ip1Sms/actions/router';

const { properties } = new Ip1Sms().description;

/** resource → the operation values its Operation dropdown offers. */
function offeredOperations(): Record<string, string[]> {
	const resources = (properties.find((property) => property.name === 'resource')?.options ?? []) as INodePropertyOptions[];
	return Object.fromEntries(
		resources.map(({ value }) => {
			const selector = properties.find(
				(property: INodeProperties) =>
					property.name === 'operation' && (property.displayOptions?.show?.resource as string[] | undefined)?.includes(String(value)),
			);
			return [String(value), ((selector?.options ?? []) as INodePropertyOptions[]).map((option) => String(option.value)).sort()];
		}),
	);
}

describe('the router', () => {
	test('has a handler for every operation the UI offers, and no operation the UI does not offer', () => {
		const routed = Object.fromEntries(Object.entries(operations).map(([resource, handlers]) => [resource, Object.keys(handlers).sort()]));
		expect(routed).toEqual(offeredOperations());
		for (const handlers of Object.values(operations)) {
			for (const handler of Object.values(handlers)) expect(typeof handler.execute).toBe('function');
		}
	});

	test('every field of an operation is shown for that resource and operation only', () => {
		const offered = offeredOperations();
		for (const property of properties.filter((candidate) => !['resource', 'operation'].includes(candidate.name))) {
			const show = property.displayOptions?.show ?? {};
			const [resource] = show.resource as string[];
			expect({ field: property.name, resource, operations: show.operation }).toEqual({
				field: property.name,
				resource,
				operations: expect.arrayContaining([expect.any(String)]),
			});
			for (const operation of show.operation as string[]) expect(offered[resource]).toContain(operation);
		}
	});

	test('the display helper keeps a field\'s own conditions beside resource and operation', () => {
		const [limit] = forOperations('batch', ['getAll'], [
			{ displayName: 'Limit', name: 'limit', type: 'number', default: 50, displayOptions: { show: { returnAll: [false] } } },
		]);
		expect(limit.displayOptions).toEqual({ show: { returnAll: [false], resource: ['batch'], operation: ['getAll'] } });
	});
});

// Type-level: a misspelt operation does not compile (checked by `npm run typecheck`, which covers test/).
// @ts-expect-error 'gett' is no operation of contact
forOperations('contact', ['gett'], []);
