import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { jsonOf, runNode, type RunNodeResult, type SandboxCredentials } from '../harness/engine';
import type { SandboxFixture } from '../harness/sandbox';

export { jsonOf };

export interface AudienceRun {
	parameters: INodeParameters;
	items?: IDataObject[];
	continueOnFail?: boolean;
	credentials: SandboxCredentials;
}

export async function run(options: AudienceRun): Promise<RunNodeResult> {
	return await runNode({
		parameters: options.parameters,
		items: options.items,
		continueOnFail: options.continueOnFail ?? false,
		credentials: options.credentials,
	});
}

/** Runs a node that must succeed and returns its output JSON. */
export async function runOk(options: AudienceRun): Promise<IDataObject[]> {
	const result = await run(options);
	if (result.error) throw new Error(`Node failed: ${result.error.message} ${result.error.description ?? ''}`);
	return jsonOf(result);
}

/** Runs a node that must fail on its input: returns the error and proves no request left. */
export async function expectInputError(
	fixture: SandboxFixture,
	options: AudienceRun,
): Promise<{ message: string; description: string }> {
	const before = fixture.sandbox.control.countRequests();
	const result = await run(options);
	expect(fixture.sandbox.control.countRequests()).toBe(before);
	expect(result.error).toBeDefined();
	return { message: String(result.error?.message), description: String(result.error?.description ?? '') };
}

/** Each output item's input indexes (pairedItem). */
export function pairedIndexes(result: RunNodeResult): number[][] {
	return result.items.map((item) => {
		const paired = item.pairedItem;
		if (typeof paired === 'number') return [paired];
		if (Array.isArray(paired)) return paired.map((entry) => (typeof entry === 'number' ? entry : entry.item));
		return paired ? [paired.item] : [];
	});
}

/** The sandbox's requests since the last clearRequests() that match method and path. */
export function requestsTo(fixture: SandboxFixture, method: string, path: string | RegExp) {
	return fixture.sandbox.control.requests.filter(
		(request) =>
			request.method === method && (typeof path === 'string' ? request.path === path : path.test(request.path)),
	);
}

/** Contacts straight into an account (sync import through the node's own Create). */
export async function seedContacts(
	credentials: SandboxCredentials,
	contacts: Array<{ phone?: string; email?: string; labels?: string; department?: string; firstName?: string }>,
): Promise<IDataObject[]> {
	return await runOk({
		credentials,
		parameters: {
			resource: 'contact',
			operation: 'create',
			phoneNumber: '={{ $json.phone ?? "" }}',
			additionalFields: {
				email: '={{ $json.email ?? "" }}',
				firstName: '={{ $json.firstName ?? "" }}',
				labels: '={{ $json.labels ?? "" }}',
				customProperties: { property: [{ name: 'department', value: '={{ $json.department ?? "" }}' }] },
			},
			importAllItems: true,
			options: { waitForImport: true },
		},
		items: contacts as IDataObject[],
	});
}
