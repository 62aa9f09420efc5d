import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class Ip1SmsApi implements ICredentialType {
	name = 'ip1SmsApi';

	displayName = 'iP.1 SMS API';

	icon: Icon = { light: 'file:ip1sms.svg', dark: 'file:ip1sms.dark.svg' };

	documentationUrl = 'https://ip1sms.com/en/developer/introduction/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'An API key of your iP.1 account. Create one in the iP.1 portal under Accounts → your account → API keys → Add new key.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.ip1sms.com',
			placeholder: 'https://api.ip1sms.com',
			required: true,
			description:
				'Leave as is for the real iP.1 API. Point it at a local iP.1 sandbox (for example http://127.0.0.1:8787) to try the nodes without an account.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiToken}}',
			},
		},
	};

	// GET /api/me is the cheapest authenticated call: one small object, no side effects.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/me',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'iP.1 refused the API token (401). Copy the key again from the iP.1 portal (Accounts → API keys) and check that it is not restricted to other IP addresses.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'iP.1 accepted the token but refused access (403). The key may be limited to other IP addresses or networks.',
				},
			},
		],
	};
}
