import { Workflow, resolveWebhookDescriptionField, type INode, type INodeTypes } from 'n8n-workflow';

import { Ip1SmsTrigger } from '../../nodes/Ip1SmsTrigger/Ip1SmsTrigger.node';

const trigger = new Ip1SmsTrigger();
const [webhook] = trigger.description.webhooks ?? [];

function triggerNode(parameters: INode['parameters']): INode {
	return { id: 'n1', name: 'iP.1 SMS Trigger', type: 'ip1SmsTrigger', typeVersion: 1, position: [0, 0], parameters };
}

/** What n8n (before 2.41, or with expressions in the parameters) computes: the template, evaluated. */
function evaluated(node: INode): unknown {
	const nodeTypes: INodeTypes = {
		getByName: () => trigger,
		getByNameAndVersion: () => trigger,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: true, nodeTypes });
	return workflow.expression.getComplexParameterValue(node, webhook.responseData, 'webhook', {}, undefined, 'firstEntryJson');
}

describe('the webhook description', () => {
	test('one POST webhook answered at once with 200 (n8n\'s default code) and { received: true, started: true }', () => {
		expect(trigger.description.webhooks).toHaveLength(1);
		expect(webhook).toMatchObject({ name: 'default', httpMethod: 'POST', responseMode: 'onReceived' });
		// No responseCode: every n8n version answers 200 without evaluating anything.
		expect(webhook.responseCode).toBeUndefined();
		expect(evaluated(triggerNode({ events: ['deliveryReport'] }))).toEqual({ received: true, started: true });
	});

	test('n8n 2.41+ resolves the answer natively (no expression sandbox per callback) when the parameters are static, with the same value as the template', () => {
		const node = triggerNode({ events: ['deliveryReport', 'inboundSms'], deliveryReportFilter: 'all' });
		const native = resolveWebhookDescriptionField(node, webhook, 'responseData');
		expect(native).toEqual({ resolved: true, value: { received: true, started: true } });
		expect(native.resolved && native.value).toEqual(evaluated(node));
	});

	test('with an expression in the parameters n8n evaluates the template instead, with the same answer', () => {
		const node = triggerNode({ events: '={{ ["deliveryReport"] }}' });
		expect(resolveWebhookDescriptionField(node, webhook, 'responseData')).toEqual({ resolved: false });
		expect(evaluated(node)).toEqual({ received: true, started: true });
	});
});
