// Public types of the iP.1 sandbox (and the two constants that describe its switches). Other packages (tests, nodes' end-to-end harnesses) code against
// these names, so they change only together with sandbox/README.md.

export interface SandboxOptions {
	/** Default 0 = a random free port. The host is always 127.0.0.1. */
	port?: number;
	/** null (default) = not enforced; 30 = the documented account limit. */
	rateLimitPerSecond?: number | null;
	/**
	 * Default 0. Wall-clock milliseconds every API request waits before it is handled (and before the
	 * rate limit counts it), as on a round trip to a distant API; /_sandbox control requests never wait.
	 */
	latencyMs?: number;
	/** Send `Retry-After: 1` on 429 (default true). */
	retryAfterHeader?: boolean;
	/** 'manual' (default): time moves only through control.advance(); 'real': also moves with wall time. */
	clock?: 'manual' | 'real';
	/** Default 600 000 (10 minutes, documented). Sandbox-clock time. */
	deliveryReportRetryIntervalMs?: number;
	/** Default 10 (documented). Attempts in total, the first one included. */
	deliveryReportMaxAttempts?: number;
	/**
	 * Default null = unlimited: every due webhook POST (delivery report, inbound SMS) starts at once. A
	 * number: at most that many POSTs in flight, the others wait for a free one (as a dispatcher with a
	 * connection pool sends). Not documented by iP.1.
	 */
	webhookConcurrency?: number | null;
	/** Readings of the documentation's ambiguities (see SandboxVariants); unnamed ones keep DEFAULT_VARIANTS. */
	variants?: Partial<SandboxVariants>;
	/** Older name of `variants.responseEnums` (`variants` wins when both are given). */
	enumStyle?: SandboxVariants['responseEnums'];
	/** Older name of `variants.sendResponse`. */
	batchResponseShape?: SandboxVariants['sendResponse'];
	/** Older name of `variants.dlrIdKey`. */
	dlrIdKey?: SandboxVariants['dlrIdKey'];
	/** Default false. The CLI seeds the demo account. */
	seedDemoData?: boolean;
	/** Older name of `variants.pageSizeCap`. */
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
	/** New batches and their messages stay out of the batch and conversation lists for `ms` of wall time (reads by id see them at once); 0 = listed at once. */
	setListingLag(ms: number): void;
	/** `path`: a string matches the whole path exactly, a RegExp is tested against it. */
	countRequests(filter?: { method?: string; path?: string | RegExp }): number;
	/** Read-only snapshot for assertions. Accepts a token or an account id. */
	state(token: string): AccountSnapshot;
	/** Forgets everything except the handle's own account, which is emptied; variants go back to their start values. */
	reset(): void;
	/** The readings in force now (a copy). */
	readonly variants: SandboxVariants;
	/** Changes some readings at run time; throws (naming the allowed values) on an unknown name or value. Returns the new values. */
	setVariants(partial: Partial<SandboxVariants>): SandboxVariants;
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
	/** Wall-clock milliseconds from the POST to its answer (or failure), and when the answer came (epoch ms). */
	ms?: number;
	answeredAt?: number;
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

// ---- Readings of the documentation (switches) ----
// Each switch is one ambiguity of ip1-api.md §17 that changes what the API answers or accepts. The
// first value of each list in VARIANT_VALUES is the default, the sandbox's original choice.

export interface SandboxVariants {
	/** §17.1 Body of POST /v2/batches: message documents | batch | batch with `messages` | `{id}` | empty. */
	sendResponse: 'messages' | 'batch' | 'batchWithMessages' | 'idOnly' | 'empty';
	/** §17.1 HTTP status of a successful POST /v2/batches. */
	sendStatus: 201 | 200 | 202;
	/** §17.4 Enumerations in every response and webhook payload. */
	responseEnums: 'documented' | 'integers' | 'lowercase' | 'uppercase';
	/** §17.4 What POST /v2/batches accepts for `type` and `datacoding` (priority is always an integer). */
	requestEnums: 'both' | 'strings' | 'integers';
	/** §17.19 / §1.2 Form of the Link header on paginated lists. */
	linkHeader: 'full' | 'noSemicolon' | 'relative' | 'none';
	/** §17.19 Largest page served. */
	pageSizeCap: number;
	/** §17.19 A `limit` above the cap: 400 naming `limit`, or silently serve `pageSizeCap` items. */
	overCap: 'reject' | 'clamp';
	/** §17.2 Shape of every error body; all carry the same words. */
	errorBody: 'problem' | 'message' | 'pascalMessage' | 'nestedError' | 'errorsArray' | 'text' | 'html';
	/** §17.6 Whether a templating dictionary must have a `default` entry. */
	templatingDefault: 'optional' | 'required';
	/** §17.9 Unregistered sender: accepted with 403 per message, or the request refused (400). */
	senderRegistration: 'perMessage' | 'request';
	/** §17.5 Datacoding of a text that fits GSM-7: the smallest it needs, or the requested one (default ucs). */
	gsmFittingText: 'smallest' | 'requested';
	/** §17.14 GET settings collection: object map | [{key, value}] | [{Key, Value}]. */
	settingsBody: 'object' | 'array' | 'pascalArray';
	/** §17.14 Body PUT …/settings/{key} accepts. */
	settingsPut: 'either' | 'bareString' | 'valueObject';
	/** §17.24 Timestamps in documents and webhook payloads. */
	timestamps: 'seconds' | 'milliseconds' | 'zoneless' | 'offset';
	/** §17.18 (and every other DELETE) As documented | always 204 | always 200 with the deleted document. */
	deleteResponse: 'documented' | 'noContent' | 'body';
	/** §17.23 JSON keys of /api/me… */
	accountCasing: 'pascal' | 'camel';
	/** §17.10 Key of the message id in delivery reports. */
	dlrIdKey: 'id' | 'messageId';
	// ---- further switches found in §17 ----
	/** §17.5 datacoding gsm with a character outside GSM-7: the whole request refused, or that message rejected (404). */
	gsmUnencodable: 'request' | 'message';
	/** §17.2 / §1.5 HTTP status of a validation failure. */
	validationStatus: 400 | 422;
	/** §17.14 Which settings path exists: both, only /v2/me/sms/settings, or only /me/sms/settings. */
	settingsPath: 'both' | 'v2' | 'unversioned';
	/** §17.19 Whether senders, blacklist, landing pages and elements honour start/limit/order ('all') or answer everything ('core'). */
	pagedLists: 'all' | 'core';
	/** §17.11 `duration` in statuses[]: the finality flag (as in delivery reports), or seconds since the previous status. */
	statusDuration: 'finalFlag' | 'elapsedSeconds';
	/** §17.7 Whether a delivery window needs `closes`. */
	windowCloses: 'optional' | 'required';
	/** §17.7 Which date-times a delivery window accepts: any zone (zoneless = UTC), or UTC with `Z` only. */
	windowZone: 'any' | 'utc';
	/** §17.9 Which registration form exists: both, the sender in the path, or `PUT /v2/me/senders` with a body. */
	senderPut: 'both' | 'path' | 'body';
	/** §17.21 Whether PUT /v2/blacklist/{msisdn} needs a body `{"msisdn": …}`. */
	blacklistPutBody: 'optional' | 'required';
	/** §17.22 Which method deletes a landing page: both, DELETE only, or POST only. */
	landingDelete: 'both' | 'delete' | 'post';
	/** §17.23 Casing of the account `Type`: `swedish` or `Swedish`. */
	accountType: 'lowercase' | 'capitalised';
	/** §17.20 Body of the asynchronous contact import's 202: `{"accepted": n}` or empty. */
	importResponse: 'count' | 'empty';
	/** §17.6 The 2000-character limit applies to the template, or to each text after substitution. */
	bodyLimit: 'template' | 'substituted';
}

export const DEFAULT_VARIANTS: SandboxVariants = {
	sendResponse: 'messages',
	sendStatus: 201,
	responseEnums: 'documented',
	requestEnums: 'both',
	linkHeader: 'full',
	pageSizeCap: 1000,
	overCap: 'reject',
	errorBody: 'problem',
	templatingDefault: 'optional',
	senderRegistration: 'perMessage',
	gsmFittingText: 'smallest',
	settingsBody: 'object',
	settingsPut: 'either',
	timestamps: 'seconds',
	deleteResponse: 'documented',
	accountCasing: 'pascal',
	dlrIdKey: 'id',
	gsmUnencodable: 'request',
	validationStatus: 400,
	settingsPath: 'both',
	pagedLists: 'all',
	statusDuration: 'finalFlag',
	windowCloses: 'optional',
	windowZone: 'any',
	senderPut: 'both',
	blacklistPutBody: 'optional',
	landingDelete: 'both',
	accountType: 'lowercase',
	importResponse: 'count',
	bodyLimit: 'template',
};

/** Every value the matrix test runs for each switch, the default first (pageSizeCap takes any whole number ≥ 1). */
export const VARIANT_VALUES: { [K in keyof SandboxVariants]: ReadonlyArray<SandboxVariants[K]> } = {
	sendResponse: ['messages', 'batch', 'batchWithMessages', 'idOnly', 'empty'],
	sendStatus: [201, 200, 202],
	responseEnums: ['documented', 'integers', 'lowercase', 'uppercase'],
	requestEnums: ['both', 'strings', 'integers'],
	linkHeader: ['full', 'noSemicolon', 'relative', 'none'],
	pageSizeCap: [1000, 500, 100],
	overCap: ['reject', 'clamp'],
	errorBody: ['problem', 'message', 'pascalMessage', 'nestedError', 'errorsArray', 'text', 'html'],
	templatingDefault: ['optional', 'required'],
	senderRegistration: ['perMessage', 'request'],
	gsmFittingText: ['smallest', 'requested'],
	settingsBody: ['object', 'array', 'pascalArray'],
	settingsPut: ['either', 'bareString', 'valueObject'],
	timestamps: ['seconds', 'milliseconds', 'zoneless', 'offset'],
	deleteResponse: ['documented', 'noContent', 'body'],
	accountCasing: ['pascal', 'camel'],
	dlrIdKey: ['id', 'messageId'],
	gsmUnencodable: ['request', 'message'],
	validationStatus: [400, 422],
	settingsPath: ['both', 'v2', 'unversioned'],
	pagedLists: ['all', 'core'],
	statusDuration: ['finalFlag', 'elapsedSeconds'],
	windowCloses: ['optional', 'required'],
	windowZone: ['any', 'utc'],
	senderPut: ['both', 'path', 'body'],
	blacklistPutBody: ['optional', 'required'],
	landingDelete: ['both', 'delete', 'post'],
	accountType: ['lowercase', 'capitalised'],
	importResponse: ['count', 'empty'],
	bodyLimit: ['template', 'substituted'],
};
