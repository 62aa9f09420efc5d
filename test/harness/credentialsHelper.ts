import {
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IHttpRequestOptions,
	type INode,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type Workflow,
} from 'n8n-workflow';

import { Ip1SmsApi } from '../../credentials/Ip1SmsApi.credentials';

const credentialTypes: Record<string, ICredentialType> = { ip1SmsApi: new Ip1SmsApi() };

/**
 * Hands decrypted credentials to the engine and applies a credential type's generic
 * `authenticate` block the way n8n's own CredentialsHelper does: every value is an expression
 * evaluated with `$credentials`. n8n-core does not do this itself.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly credentials: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const options = requestOptions as IHttpRequestOptions;
		const authenticate = credentialTypes[typeName]?.authenticate;
		if (!authenticate || typeof authenticate === 'function' || !workflow || !node) return options;
		const resolve = (value: unknown) =>
			workflow.expression.getSimpleParameterValue(node, value as string, 'internal', {
				$credentials: credentials,
			});
		const headers = authenticate.properties.headers ?? {};
		options.headers = { ...options.headers };
		for (const [name, value] of Object.entries(headers)) options.headers[name] = resolve(value);
		return options;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('Not used by the nodes under test');
	}

	/** How many times a node read (n8n: loaded from the database and decrypted) a credential. */
	reads = 0;

	async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string): Promise<ICredentialDataDecryptedObject> {
		this.reads++;
		const credentials = this.credentials[type];
		if (!credentials) throw new Error(`No test credentials of type ${type}`);
		return { ...credentials };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type]?.properties ?? [];
	}
}
