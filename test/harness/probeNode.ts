import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { forEachItem } from '../../nodes/Ip1Sms/actions/common/items';
import { ip1PaginatedRequest, ip1Request, type RetryClass } from '../../nodes/shared/transport';
import { registerNodeType } from './nodeTypes';

export const PROBE_TYPE = 'test.ip1TransportProbe';

/**
 * A test-only node that calls the shared transport directly with the request given in its
 * parameters, so transport behaviour (pagination, rate limit, retries, errors) is tested through
 * the real engine and real HTTP independently of any one operation.
 */
export class Ip1TransportProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'iP.1 Transport Probe',
		name: 'ip1TransportProbe',
		group: ['output'],
		version: 1,
		description: 'Test-only',
		defaults: { name: 'Probe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ip1SmsApi', required: true }],
		properties: [
			{ displayName: 'Mode', name: 'mode', type: 'string', default: 'request' },
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'Path', name: 'path', type: 'string', default: '/api/me' },
			{ displayName: 'Body', name: 'body', type: 'json', default: '' },
			{ displayName: 'Retry', name: 'retry', type: 'string', default: '' },
			{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false },
			{ displayName: 'Limit', name: 'limit', type: 'number', default: 50 },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output = await forEachItem(this, items, async (itemIndex) => {
			const parameter = (name: string) => this.getNodeParameter(name, itemIndex);
			const path = parameter('path') as string;
			if (parameter('mode') === 'paginate') {
				const result = await ip1PaginatedRequest.call(this, {
					path,
					returnAll: parameter('returnAll') as boolean,
					limit: parameter('limit') as number,
					itemIndex,
				});
				return { count: result.items.length, requests: result.requests, items: result.items as IDataObject[] };
			}
			const rawBody = parameter('body');
			const retry = (parameter('retry') as string) || undefined;
			const response = await ip1Request.call(this, {
				method: parameter('method') as IHttpRequestMethods,
				path,
				body: rawBody === '' ? undefined : typeof rawBody === 'string' ? JSON.parse(rawBody) : rawBody,
				retry: retry as RetryClass | undefined,
				itemIndex,
			});
			return { status: response.status, attempts: response.attempts, body: response.body as IDataObject };
		});
		return [output];
	}
}

registerNodeType(PROBE_TYPE, () => new Ip1TransportProbe());
