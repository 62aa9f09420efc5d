import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

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
