import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { jsonOf, runNode, type RunNodeResult, type SandboxCredentials } from '../harness/engine';
import type { SandboxFixture } from '../harness/sandbox';

export { jsonOf };

/**
 * The parameters every send starts from: the sandbox's pre-registered sender, and Simplify off so
 * that tests read the request as sent and iP.1's answer (`detail`); send-simplify.test.ts covers the default.
 */
export const SEND: INodeParameters = { resource: 'sms', operation: 'send', sender: 'iP1', simplify: false };

export interface SendRun {
	parameters: INodeParameters;
	items?: IDataObject[];
	continueOnFail?: boolean;
	credentials?: SandboxCredentials;
}

export async function run(fixture: SandboxFixture, options: SendRun): Promise<RunNodeResult> {
	return await runNode({
		parameters: options.parameters,
		items: options.items,
		continueOnFail: options.continueOnFail ?? false,
		credentials: options.credentials ?? fixture.credentials,
	});
}

/** Bodies of the POST /v2/batches requests the sandbox received since the last clearRequests(). */
export function sentBodies(fixture: SandboxFixture): IDataObject[] {
	return fixture.sandbox.control.requests
		.filter((request) => request.method === 'POST' && request.path === '/v2/batches')
		.map((request) => request.body as IDataObject);
}

export function postCount(fixture: SandboxFixture): number {
	return fixture.sandbox.control.countRequests({ method: 'POST', path: '/v2/batches' });
}

/** Runs a node that must fail on its input: returns the error and proves no request left. */
export async function expectInputError(fixture: SandboxFixture, options: SendRun): Promise<{ message: string; description: string }> {
	const before = fixture.sandbox.control.countRequests();
	const result = await run(fixture, options);
	expect(fixture.sandbox.control.countRequests()).toBe(before);
	expect(result.error).toBeDefined();
	return { message: String(result.error?.message), description: String(result.error?.description ?? '') };
}

/** Each output item's input index (pairedItem). */
export function pairedIndexes(result: RunNodeResult): number[] {
	return result.items.map((item) => {
		const paired = item.pairedItem;
		if (typeof paired === 'number') return paired;
		if (Array.isArray(paired)) return paired[0]?.item ?? -1;
		return paired?.item ?? -1;
	});
}
