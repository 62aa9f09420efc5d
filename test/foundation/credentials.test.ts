import { Workflow, type ICredentialDataDecryptedObject, type INode } from 'n8n-workflow';

import { Ip1SmsApi } from '../../credentials/Ip1SmsApi.credentials';
import { TestCredentialsHelper } from '../harness/credentialsHelper';
import { TestNodeTypes } from '../harness/nodeTypes';
import { useSandbox } from '../harness/sandbox';

const fixture = useSandbox();
const credentialType = new Ip1SmsApi();

const node: INode = {
	id: 'n',
	name: 'iP.1 SMS',
	type: 'n8n-nodes-ip1sms.ip1Sms',
	typeVersion: 1,
	position: [0, 0],
	parameters: { resource: 'account', operation: 'getOverview' },
};
const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: new TestNodeTypes() });

/**
 * Runs the credential's declarative test the way n8n's credential tester does: resolve the request
 * with `$credentials`, authenticate it, send it, and map the answer through the test's rules.
 */
async function testCredential(credentials: ICredentialDataDecryptedObject) {
	const resolve = (value: string) =>
		workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }) as string;
	const { request, rules } = credentialType.test;
	const baseUrl = resolve(String(request.baseURL));
	const authenticated = await new TestCredentialsHelper({}).authenticate(
		credentials,
		'ip1SmsApi',
		{ url: '', headers: {} },
		workflow,
		node,
	);
	const response = await fetch(`${baseUrl}${request.url}`, {
		method: request.method ?? 'GET',
		headers: authenticated.headers as Record<string, string>,
	});
	const rule = rules?.find((candidate) => candidate.type === 'responseCode' && candidate.properties.value === response.status);
	return { status: response.status, message: rule?.properties.message, url: `${baseUrl}${request.url}` };
}

describe('Ip1SmsApi credential', () => {
	test('sends the token as a bearer header', async () => {
		const options = await new TestCredentialsHelper({}).authenticate(
			{ apiToken: 'abc-123', baseUrl: 'http://x' },
			'ip1SmsApi',
			{ url: '', headers: {} },
			workflow,
			node,
		);
		expect(options.headers).toEqual({ Authorization: 'Bearer abc-123' });
	});

	test('the credential test passes with a good token, on a base URL with a trailing slash', async () => {
		const result = await testCredential({ apiToken: fixture.sandbox.token, baseUrl: `${fixture.sandbox.url}/` });
		expect(result.url).toBe(`${fixture.sandbox.url}/api/me`);
		expect(result.status).toBe(200);
	});

	test('the credential test explains a wrong token', async () => {
		const result = await testCredential({ apiToken: 'not-a-token', baseUrl: fixture.sandbox.url });
		expect(result.status).toBe(401);
		expect(result.message).toMatch(/refused the API token \(401\)\. Copy the key again/);
	});

	test('the token field is a password and the base URL defaults to the real API', () => {
		const token = credentialType.properties.find((property) => property.name === 'apiToken');
		const baseUrl = credentialType.properties.find((property) => property.name === 'baseUrl');
		expect(token?.typeOptions?.password).toBe(true);
		expect(baseUrl?.default).toBe('https://api.ip1sms.com');
	});
});
