// Public types of the iP.1 sandbox. Other packages (tests, nodes' end-to-end harnesses) code against
// these names, so they change only together with sandbox/README.md.

export interface SandboxOptions {
	/** Default 0 = a random free port. The host is always 127.0.0.1. */
	port?: number;
	/** null (default) = not enforced; 30 = the documented account limit. */
	rateLimitPerSecond?: number | null;
	/** Send `Retry-After: 1` on 429 (default true). */
	retryAfterHeader?: boolean;
	/** 'manual' (default): time moves only through control.advance(); 'real': also moves with wall time. */
	clock?: 'manual' | 'real';
	/** Default 600 000 (10 minutes, documented). Sandbox-clock time. */
	deliveryReportRetryIntervalMs?: number;
	/** Default 10 (documented). Attempts in total, the first one included. */
	deliveryReportMaxAttempts?: number;
	/** How enumerations appear in responses. Default 'documented'. */
	enumStyle?: 'documented' | 'integers';
	/** Body of POST /v2/batches. Default 'messages'. */
	batchResponseShape?: 'messages' | 'batch';
	/** Key of the message id in delivery-report payloads. Default 'id'. */
	dlrIdKey?: 'id' | 'messageId';
	/** Default false. The CLI seeds the demo account. */
	seedDemoData?: boolean;
	/** Default 1000. */
	maxPageSize?: number;
	/** Called once per finished API request (the CLI prints it). Never receives the token. */
	onRequest?: (entry: LoggedRequest) => void;
}

export interface SandboxHandle {
	/** e.g. http://127.0.0.1:40123 (no trailing slash) */
	url: string;
	/** Bearer token of a ready account (the demo account). */
	token: string;
	/** e.g. ip1-10001 */
	accountId: string;
	control: SandboxControl;
	close(): Promise<void>;
}

export interface CreateAccountOptions {
	name?: string;
	balance?: number;
	currency?: string;
	type?: 'international' | 'swedish';
}

export interface InboundInput {
	token?: string;
	accountId?: string;
	from: string;
	to?: string;
	body: string;
}

export interface SandboxControl {
	createAccount(opts?: CreateAccountOptions): { token: string; accountId: string };
	/** Moves the sandbox clock, runs due status changes and webhook (re)tries, awaits their HTTP deliveries. */
	advance(ms: number): Promise<void>;
	now(): Date;
	/** Creates an MO message and POSTs it to the account's IncomingCallbackUrl if set (awaits the first attempt). */
	injectInbound(input: InboundInput): Promise<MessageDocument>;
	/** Awaits every in-flight webhook POST and asynchronous contact import. */
	settle(): Promise<void>;
	/** Every API request, in order of arrival. */
	readonly requests: ReadonlyArray<LoggedRequest>;
	clearRequests(): void;
	readonly webhookDeliveries: ReadonlyArray<WebhookDelivery>;
	addFault(fault: FaultSpec): void;
	clearFaults(): void;
	/** Stops listening (clients get ECONNREFUSED) and listens again on the same port after `ms` wall-clock ms. */
	refuseConnectionsFor(ms: number): Promise<void>;
	setRateLimit(perSecond: number | null): void;
	/** `path`: a string matches the whole path exactly, a RegExp is tested against it. */
	countRequests(filter?: { method?: string; path?: string | RegExp }): number;
	/** Read-only snapshot for assertions. Accepts a token or an account id. */
	state(token: string): AccountSnapshot;
	/** Forgets everything except the handle's own account, which is emptied. */
	reset(): void;
}

export interface LoggedRequest {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	body: unknown;
	/** 0 while the request is still being handled, and for dropped connections. */
	status: number;
	accountId?: string;
	at: string;
	fault?: string;
	authorization: 'missing' | 'valid' | 'invalid';
}

export interface WebhookDelivery {
	kind: 'deliveryReport' | 'inbound';
	url: string;
	payload: unknown;
	attempt: number;
	status: number | 'error';
	at: string;
}

export type FaultSpec = {
	method?: string;
	/** A string matches as a path prefix, a RegExp is tested against the path. */
	path?: string | RegExp;
	/** Default 1. */
	times?: number;
} & (
	| {
			kind: 'status';
			status: number;
			body?: string;
			contentType?: string;
			headers?: Record<string, string>;
			/** true: carry out the request, then answer this status anyway. */
			process?: boolean;
	  }
	| { kind: 'drop'; process?: boolean }
	| { kind: 'latency'; ms: number }
);

// ---- Documents as they appear on the wire ----

/** A lowercase/uppercase string with enumStyle 'documented', an integer with 'integers'. */
export type EnumValue = string | number;

export interface StatusDocument {
	created: string;
	code: number;
	/** 1 when the status is final, else 0. */
	duration: number;
}

export interface MessageDocument {
	id: string;
	batchId: string;
	owner: string;
	sender: string;
	recipient: string;
	body: string;
	direction: EnumValue;
	segments: number;
	type: EnumValue;
	datacoding: EnumValue;
	priority: number;
	/** Absent on inbound (MO) messages, as in the documentation's example. */
	price?: number;
	currency?: string;
	statuses: StatusDocument[];
	modified: string;
	reference?: string | null;
	mcc: string;
	mnc: string;
}

export interface DeliveryWindowDocument {
	opens: string;
	closes: string;
}

export interface PriceSummaryDocument {
	total: number;
	currency: string;
	/** Average price per message. */
	average: number;
}

export interface CountDocument {
	messages: number;
	sms: number;
}

export interface BatchDocument {
	id: string;
	sender: string;
	body: string;
	owner: string;
	direction: EnumValue;
	type: EnumValue;
	datacoding: EnumValue;
	priority: number;
	templated: boolean;
	/** Only on GET one batch, DELETE and the 'batch' response shape of POST. */
	priceSummary?: PriceSummaryDocument;
	messageSummary?: Record<string, CountDocument>;
	deliveryWindows: DeliveryWindowDocument[];
	status: number;
	deliveryReportUrl: string | null;
	reference: string | null;
	tags: string[];
	created: string;
}

export interface DeliveryReportPayload {
	id?: string;
	messageId?: string;
	batchId: string;
	recipient: string;
	code: number;
	duration: number;
	created: string;
	segments: number;
	price: number;
	currency: string;
	reference: string | null;
}

export interface ConversationSummaryDocument {
	participant: string;
	totalMessageCount: number;
	totalSmsCount: number;
	mobileTerminatedMessages: Record<string, CountDocument>;
	mobileOriginatedMessages: Record<string, CountDocument>;
}

export interface SenderDocument {
	sender: string;
	created: string;
}

export interface BlacklistEntryDocument {
	msisdn: string;
	created: string;
}

export interface SettingDocument {
	key: string;
	value: string;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface PhoneNumberMetadata {
	isPossiblePhoneNumber: string;
	isValidPhoneNumber: string;
	phoneNumberType: string;
	parsedMSISDN: string;
	isBlocked: string;
}

export interface ContactDocument {
	id: string;
	ownerId: string;
	properties: Record<string, JsonValue>;
	metadata?: { phoneNumber?: PhoneNumberMetadata };
	labels: string[];
}

export interface ContactsMetaDocument {
	totalCount: number;
	labels: LabelSummaryDocument[];
	properties: Array<{
		propertyName: string;
		usageCount: number;
		averageLength: number;
		maxLength: number;
		minLength: number;
	}>;
}

export interface LabelSummaryDocument {
	labelName: string;
	usageCount: number;
}

export interface LandingElementDocument {
	id: string;
	type: string;
	[field: string]: JsonValue;
}

export interface LandingDocument {
	id: string;
	name: string;
	views: Record<string, number>;
	link: string;
	shortLink: string;
	lastModified: string;
	elements: LandingElementDocument[];
	[field: string]: JsonValue;
}

export interface AccountOverviewDocument {
	Account: string;
	Organization: string;
	Type: string;
	Balance: number;
	Currency: string;
}

export interface AccountDocument {
	Key: string;
	Parent: string | null;
	Type: string;
	Balance: number;
	Currency: string;
	ID: string;
	Name: string;
}

export interface AccountSnapshot {
	accountId: string;
	name: string;
	type: 'international' | 'swedish';
	balance: number;
	currency: string;
	parent: string | null;
	batches: BatchDocument[];
	/** Every message with its full status history. */
	messages: MessageDocument[];
	/** With metadata. */
	contacts: ContactDocument[];
	blacklist: BlacklistEntryDocument[];
	senders: SenderDocument[];
	settings: Record<string, string>;
	landings: LandingDocument[];
	/** Account ids of the direct sub-accounts. */
	children: string[];
}
