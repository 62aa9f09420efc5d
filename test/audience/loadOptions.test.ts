import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type INode, type INodeParameters, type INodePropertyOptions, type IWorkflowBase } from 'n8n-workflow';

import { Ip1Sms } from '../../nodes/Ip1Sms/Ip1Sms.node';
import { createAdditionalData, createHooks } from '../harness/additionalData';
import { TestCredentialsHelper } from '../harness/credentialsHelper';
import type { SandboxCredentials } from '../harness/engine';
import { IP1_SMS_TYPE, TestNodeTypes } from '../harness/nodeTypes';
import { useSandbox } from '../harness/sandbox';
import { runOk, seedContacts } from './helpers';

const fixture = useSandbox();

/** Calls one of the node's load-options methods in n8n-core's real LoadOptionsContext. */
async function loadOptions(
	method: string,
	credentials: SandboxCredentials,
	parameters: INodeParameters = {},
): Promise<INodePropertyOptions[]> {
	const node: INode = {
		id: 'node-under-test',
		name: 'iP.1 SMS',
		type: IP1_SMS_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { ip1SmsApi: { id: 'credential-1', name: 'iP.1 sandbox' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: new TestNodeTypes() });
	const hooks = createHooks({ id: 'wf', name: 'wf', nodes: [node], connections: {} } as unknown as IWorkflowBase);
	const additionalData = createAdditionalData(new TestCredentialsHelper({ ip1SmsApi: { ...credentials } }), hooks);
	additionalData.currentNodeParameters = parameters;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.x');
	const methods = new Ip1Sms().methods.loadOptions as unknown as Record<
		string,
		(this: LoadOptionsContext) => Promise<INodePropertyOptions[]>
	>;
	return await methods[method].call(context);
}

test('getLabels and getContactProperties list what the contacts use', async () => {
	const credentials = fixture.newAccount();
	await seedContacts(credentials, [
		{ phone: '+46701000001', labels: 'vip, customers', department: 'Sales' },
		{ phone: '+46701000002', labels: 'customers' },
	]);
	expect(await loadOptions('getLabels', credentials)).toEqual([
		{ name: 'customers (2 contacts)', value: 'customers' },
		{ name: 'vip (1 contact)', value: 'vip' },
	]);
	expect(await loadOptions('getContactProperties', credentials)).toEqual([
		{ name: 'department', value: 'department' },
		{ name: 'phoneNumber', value: 'phoneNumber' },
	]);
});

test('getLandingPages lists the pages; getLandingPageElements the elements of the page chosen', async () => {
	const credentials = fixture.newAccount();
	const [page] = await runOk({ credentials, parameters: { resource: 'landingPage', operation: 'create', pageName: 'Spring' } });
	const pages = await loadOptions('getLandingPages', credentials);
	expect(pages).toEqual([{ name: `Spring (${String(page.id)})`, value: page.id }]);
	const elements = await loadOptions('getLandingPageElements', credentials, { landingPageId: page.id as string });
	expect(elements).toEqual([
		{ name: `Title: Spring (${String((page.elements as Array<{ id: string }>)[0].id)})`, value: (page.elements as Array<{ id: string }>)[0].id },
	]);
	expect(await loadOptions('getLandingPageElements', credentials, {})).toEqual([]);
});

test('getSenders lists the registered senders, alphabetically', async () => {
	const credentials = fixture.newAccount();
	await runOk({ credentials, parameters: { resource: 'sender', operation: 'register', sender: 'Acme' } });
	expect((await loadOptions('getSenders', credentials)).map((option) => option.value)).toEqual(['Acme', 'iP1', 'iP1sms']);
});

test('searchSenders (the Send operation\'s sender list) lists and filters the registered senders', async () => {
	const credentials = fixture.newAccount();
	const node: INode = {
		id: 'node-under-test',
		name: 'iP.1 SMS',
		type: IP1_SMS_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { ip1SmsApi: { id: 'credential-1', name: 'iP.1 sandbox' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: new TestNodeTypes() });
	const hooks = createHooks({ id: 'wf', name: 'wf', nodes: [node], connections: {} } as unknown as IWorkflowBase);
	const additionalData = createAdditionalData(new TestCredentialsHelper({ ip1SmsApi: { ...credentials } }), hooks);
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.sender');
	const { searchSenders } = new Ip1Sms().methods.listSearch;
	expect((await searchSenders.call(context)).results.map((result) => result.value)).toEqual(['iP1', 'iP1sms']);
	expect((await searchSenders.call(context, 'SMS')).results).toEqual([{ name: 'iP1sms', value: 'iP1sms' }]);
});
