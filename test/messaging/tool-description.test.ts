/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a test that reads the sample workflow from examples/; never published */
import { readFileSync } from 'fs';
import { join } from 'path';

import { traverseNodeParameters, type FromAIArgument, type INodeParameters, type INodeProperties, type INodePropertyCollection, type INodePropertyOptions } from 'n8n-workflow';

import { Ip1Sms } from '../../nodes/Ip1Sms/Ip1Sms.node';

const description = new Ip1Sms().description;
const MESSAGING = ['sms', 'batch', 'message', 'conversation'];

function shownFor(property: INodeProperties, resource: string): boolean {
	const resources = property.displayOptions?.show?.resource as string[] | undefined;
	return resources?.includes(resource) ?? false;
}

/** Every parameter, nested ones (collections, fixedCollections) included, with its path. */
function flatten(properties: INodeProperties[], path = ''): Array<[string, INodeProperties]> {
	return properties.flatMap((property) => {
		const here = `${path}${property.displayName}`;
		const nested = (property.options ?? []).flatMap((option) => {
			if ('values' in option) return flatten((option as INodePropertyCollection).values, `${here} › `);
			if ('type' in option) return flatten([option as INodeProperties], `${here} › `);
			return [];
		});
		return [[here, property] as [string, INodeProperties], ...nested];
	});
}

describe('the node as an AI agent tool', () => {
	test('is usable as a tool, and SMS → Send is what a new node starts with', () => {
		expect(description.usableAsTool).toBe(true);
		const resource = description.properties.find((property) => property.name === 'resource');
		expect(resource?.default).toBe('sms');
		const names = (resource?.options as INodePropertyOptions[]).map((option) => option.name);
		// SMS first (its actions head n8n's action list, test/foundation/actionList.test.ts), then alphabetical.
		expect(names[0]).toBe('SMS');
		expect(names.slice(1)).toEqual(names.slice(1).sort((a, b) => a.localeCompare(b)));
		expect(names).toEqual(expect.arrayContaining(['Batch', 'Conversation', 'Message', 'SMS']));
		const smsOperation = description.properties.find((property) => property.name === 'operation' && shownFor(property, 'sms'));
		expect(smsOperation?.default).toBe('send');
	});

	test.each(MESSAGING)('every operation of "%s" has a description and an action', (resource) => {
		const operation = description.properties.find((property) => property.name === 'operation' && shownFor(property, resource));
		expect(operation?.noDataExpression).toBe(true);
		for (const option of operation?.options as INodePropertyOptions[]) {
			expect(option.description?.length).toBeGreaterThan(20);
			expect(option.action).toMatch(/^[A-Z]/);
		}
	});

	test.each(MESSAGING)('every parameter of "%s" explains itself in words an agent can act on', (resource) => {
		const properties = description.properties.filter((property) => property.name !== 'operation' && shownFor(property, resource));
		expect(properties.length).toBeGreaterThan(0);
		for (const [path, property] of flatten(properties)) {
			expect({ path, description: property.description ?? '' }).toEqual({ path, description: expect.stringMatching(/.{15,}/) });
		}
	});

	test('the send parameters tell an agent the formats and limits it must respect', () => {
		const send = description.properties.filter((property) => shownFor(property, 'sms'));
		const text = (name: string) => send.find((property) => property.name === name)?.description ?? '';
		expect(text('recipients')).toMatch(/country code/);
		expect(text('message')).toMatch(/2000 characters/);
		expect(text('sender')).toMatch(/3–11 letters or digits/);
		const options = flatten(send).map(([, property]) => property);
		const option = (name: string) => options.find((property) => property.name === name)?.description ?? '';
		expect(option('encoding')).toMatch(/GSM is cheaper/);
		expect(option('priority')).toMatch(/\+10 öre.*\+€0\.01/);
		expect(option('deliveryReportUrl')).toMatch(/Trigger/);
		const collection = send.find((property) => property.name === 'options');
		const optionNames = (collection?.options as INodeProperties[]).map((entry) => entry.displayName);
		expect(optionNames).toEqual([...optionNames].sort((a, b) => a.localeCompare(b)));
	});
});

describe('what reaches the model: the $fromAI() keys of the sample agent workflow', () => {
	// n8n builds a tool's schema from the $fromAI() calls in its parameters only (n8n-core getSchema):
	// the node's parameter descriptions above never reach the model, the $fromAI() descriptions do.
	const example = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'ai-agent-sms.json'), 'utf8')) as {
		nodes: Array<{ name: string; type: string; parameters: INodeParameters }>;
	};
	const tool = example.nodes.find((node) => node.name === 'Send SMS');

	test('Send SMS is the iP.1 SMS tool behind the human-review tool', () => {
		expect(tool?.type).toBe('n8n-nodes-ip1sms.ip1SmsTool');
		expect(example.nodes.find((node) => node.name === 'Approve by SMS')?.type).toBe('n8n-nodes-ip1sms.ip1SmsHitlTool');
	});

	test('Recipients and Message, described with the international format and the 2,000-character limit', () => {
		const collected: FromAIArgument[] = [];
		traverseNodeParameters(tool?.parameters, collected);
		const byKey = Object.fromEntries(collected.map((argument) => [argument.key, argument]));
		expect(Object.keys(byKey).sort()).toEqual(['Message', 'Recipients']);
		expect(byKey.Recipients).toMatchObject({ type: 'string', description: expect.stringMatching(/international format: \+ and the country code.*\+46701234567/) });
		expect(byKey.Message).toMatchObject({ type: 'string', description: expect.stringMatching(/at most 2,000 characters/) });
	});
});
