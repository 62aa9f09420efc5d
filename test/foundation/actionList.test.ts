import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Ip1Sms } from '../../nodes/Ip1Sms/Ip1Sms.node';

const { properties } = new Ip1Sms().description;

interface ListedAction {
	heading: string;
	action: string;
}

/**
 * The node's action list as n8n's node creator builds it (editor-ui 2.41, actionsGenerator): for
 * each Resource option in its order, the Operation options shown for that resource in their order,
 * each under the heading "<resource name> Actions". The list is never sorted afterwards (the
 * creator sorts nodes by name; actions keep this order).
 */
function actionList(): ListedAction[] {
	const resources = (properties.find((property) => property.name === 'resource')?.options ?? []) as INodePropertyOptions[];
	return resources.flatMap((resource) => {
		const operation = properties.find(
			(property: INodeProperties) =>
				property.name === 'operation' && (property.displayOptions?.show?.resource as string[] | undefined)?.includes(String(resource.value)),
		);
		return ((operation?.options ?? []) as INodePropertyOptions[]).map((option) => ({
			heading: `${resource.name} Actions`,
			action: option.action ?? option.name,
		}));
	});
}

describe('the action list in the node creator', () => {
	test('"Send an SMS" is the first action, under "SMS Actions"', () => {
		const [first] = actionList();
		expect(first).toEqual({ heading: 'SMS Actions', action: 'Send an SMS' });
	});

	test('the SMS actions come first; the other resources follow alphabetically, each once', () => {
		const headings = Array.from(new Set(actionList().map((entry) => entry.heading.replace(/ Actions$/, ''))));
		const [first, ...rest] = headings;
		expect(first).toBe('SMS');
		expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b)));
		expect(headings).toHaveLength(13);
		// Every send action is at the top, where the first screen of the list (about 15 rows at 900 px) shows it.
		const sends = actionList().filter((entry) => entry.heading === 'SMS Actions').map((entry) => entry.action);
		expect(sends[0]).toBe('Send an SMS');
		expect(actionList().slice(0, sends.length).map((entry) => entry.action)).toEqual(sends);
	});

	test('every operation of every resource is listed, with an action sentence', () => {
		const list = actionList();
		expect(list.every((entry) => /^[A-Z]/.test(entry.action) && entry.action.includes(' '))).toBe(true);
		expect(list.length).toBeGreaterThanOrEqual(46);
	});
});
