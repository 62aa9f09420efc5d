import {
	DEFAULT_VARIANTS,
	VARIANT_VALUES,
	startSandbox,
	type BatchDocument,
	type DeliveryReportPayload,
	type MessageDocument,
	type SandboxHandle,
	type SandboxVariants,
} from '../../sandbox';
import { UsageError, parseArgs } from '../../sandbox/cli';
import { call, startReceiver, type ProblemBody, type Receiver } from './helpers';

// Each switch value does what sandbox/README.md ("Readings (switches)") says, over real HTTP.

const SEND = { sender: 'iP1', recipients: ['46700000001', '46700000002'], body: 'Hi there' };

/** Control requests need no bearer. */
async function control<T = unknown>(sb: SandboxHandle, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
	const res = await fetch(`${sb.url}/_sandbox${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

let sb: SandboxHandle;
let receiver: Receiver;
beforeAll(async () => {
	sb = await startSandbox();
	receiver = await startReceiver();
});
afterAll(async () => {
	await sb.close();
	await receiver.close();
});
beforeEach(() => {
	sb.control.reset();
	receiver.received.length = 0;
});

function use(partial: Partial<SandboxVariants>): void {
	sb.control.setVariants(partial);
}

async function send(body: Record<string, unknown> = SEND) {
	return await call<unknown>(sb, 'POST', '/v2/batches', { body });
}

describe('switches: definition, start, run time, reset', () => {
	it('every switch has its default as the first of its values, and the matrix values are the documented ones', () => {
		for (const [name, values] of Object.entries(VARIANT_VALUES)) {
			expect(values[0]).toBe(DEFAULT_VARIANTS[name as keyof SandboxVariants]);
			expect(new Set<unknown>(values).size).toBe(values.length);
		}
		expect(Object.keys(VARIANT_VALUES).sort()).toEqual(Object.keys(DEFAULT_VARIANTS).sort());
		expect(VARIANT_VALUES.pageSizeCap).toEqual([1000, 500, 100]);
		expect(sb.control.variants).toEqual(DEFAULT_VARIANTS);
	});

	it('startSandbox takes variants; the older options are aliases; variants win over them', async () => {
		const other = await startSandbox({
			enumStyle: 'integers',
			batchResponseShape: 'batch',
			dlrIdKey: 'messageId',
			maxPageSize: 20,
			variants: { linkHeader: 'none', sendResponse: 'idOnly' },
		});
		try {
			expect(other.control.variants).toMatchObject({
				responseEnums: 'integers',
				sendResponse: 'idOnly',
				dlrIdKey: 'messageId',
				pageSizeCap: 20,
				linkHeader: 'none',
			});
			const res = await call<{ id: string }>(other, 'POST', '/v2/batches', { body: SEND });
			expect(Object.keys(res.body)).toEqual(['id']);
		} finally {
			await other.close();
		}
		await expect(startSandbox({ variants: { linkHeader: 'nope' as never } })).rejects.toThrow(/linkHeader must be one of "full", "noSemicolon", "relative", "none"/);
	});

	it('setVariants changes readings at run time, refuses unknown names and values (listing the allowed ones) without changing anything', async () => {
		expect(sb.control.setVariants({ errorBody: 'text' }).errorBody).toBe('text');
		expect((await call(sb, 'GET', '/v2/nothing')).headers.get('content-type')).toMatch(/^text\/plain/);
		expect(() => sb.control.setVariants({ errorBody: 'xml' as never })).toThrow(/errorBody must be one of "problem", "message", "pascalMessage", "nestedError", "errorsArray", "text", "html" \(got "xml"\)/);
		expect(() => sb.control.setVariants({ linkHeader: 'none', colour: 'red' } as never)).toThrow(/Unknown variant 'colour'\. Known variants: sendResponse, sendStatus/);
		expect(() => sb.control.setVariants({ pageSizeCap: 0 })).toThrow(/pageSizeCap must be a whole number of 1 or more/);
		expect(sb.control.variants.linkHeader).toBe('full');
		sb.control.reset();
		expect(sb.control.variants).toEqual(DEFAULT_VARIANTS);
	});

	it('reset returns the readings to their start values, not to the defaults', async () => {
		const other = await startSandbox({ variants: { timestamps: 'offset' } });
		try {
			other.control.setVariants({ timestamps: 'zoneless', accountCasing: 'camel' });
			other.control.reset();
			expect(other.control.variants).toEqual({ ...DEFAULT_VARIANTS, timestamps: 'offset' });
		} finally {
			await other.close();
		}
	});

	it('control endpoints: GET and POST /_sandbox/variants (partial), 400 naming the bad switch and the allowed values, reset', async () => {
		expect(await control(sb, 'GET', '/variants')).toEqual({ status: 200, body: DEFAULT_VARIANTS });
		const changed = await control<SandboxVariants>(sb, 'POST', '/variants', { pageSizeCap: 500, overCap: 'clamp' });
		expect(changed.status).toBe(200);
		expect(changed.body).toEqual({ ...DEFAULT_VARIANTS, pageSizeCap: 500, overCap: 'clamp' });
		const unknown = await control<ProblemBody>(sb, 'POST', '/variants', { nope: 1 });
		expect(unknown.status).toBe(400);
		expect(unknown.body.errors?.nope?.[0]).toMatch(/Unknown variant 'nope'\. Known variants: .*linkHeader/);
		const badValue = await control<ProblemBody>(sb, 'POST', '/variants', { sendStatus: 204 });
		expect(badValue.body.errors).toEqual({ sendStatus: ['sendStatus must be one of 201, 200, 202 (got 204).'] });
		expect((await control(sb, 'POST', '/reset')).status).toBe(204);
		expect((await control(sb, 'GET', '/variants')).body).toEqual(DEFAULT_VARIANTS);
	});

	it('CLI: --variant name=value, repeatable, with or without =, numbers from text; bad ones are usage errors', () => {
		expect(parseArgs(['--variant', 'linkHeader=none', '--variant=pageSizeCap=500', '--variant', 'sendStatus=200'], {}).variants).toEqual({
			linkHeader: 'none',
			pageSizeCap: 500,
			sendStatus: 200,
		});
		expect(parseArgs([], {}).variants).toBeUndefined();
		for (const argv of [['--variant', 'linkHeader'], ['--variant', 'linkHeader=nope'], ['--variant', 'nope=1'], ['--variant']]) {
			expect(() => parseArgs(argv, {})).toThrow(UsageError);
		}
		expect(() => parseArgs(['--variant', 'linkHeader=nope'], {})).toThrow(/one of "full", "noSemicolon", "relative", "none"/);
	});
});

describe('sendResponse and sendStatus (§17.1)', () => {
	it.each([
		['messages', (body: unknown) => expect((body as MessageDocument[]).map((m) => m.recipient)).toEqual(['46700000001', '46700000002'])],
		['batch', (body: unknown) => expect(body).toMatchObject({ sender: 'iP1', messageSummary: { '101': { messages: 2, sms: 2 } } })],
		[
			'batchWithMessages',
			(body: unknown) => {
				const batch = body as BatchDocument & { messages: MessageDocument[] };
				expect(batch.priceSummary).toEqual({ total: 0.0832, currency: 'EUR', average: 0.0416 });
				expect(batch.messages.map((m) => [m.batchId, m.recipient])).toEqual([
					[batch.id, '46700000001'],
					[batch.id, '46700000002'],
				]);
			},
		],
		['idOnly', (body: unknown) => expect(Object.keys(body as object)).toEqual(['id'])],
	] as const)('%s', async (shape, check) => {
		use({ sendResponse: shape });
		const res = await send();
		expect(res.status).toBe(201);
		check(res.body);
		const [batch] = sb.control.state(sb.token).batches;
		expect(JSON.stringify(res.body)).toContain(batch.id);
	});

	it('empty: 201 with an empty body (content-length 0); the batch exists', async () => {
		use({ sendResponse: 'empty' });
		const res = await send();
		expect(res.status).toBe(201);
		expect(res.text).toBe('');
		expect(res.headers.get('content-length')).toBe('0');
		expect(sb.control.state(sb.token).messages).toHaveLength(2);
	});

	it.each([200, 202] as const)('sendStatus %d is the status of a successful send, whatever the body', async (status) => {
		use({ sendStatus: status, sendResponse: 'batch' });
		expect((await send()).status).toBe(status);
		use({ sendResponse: 'empty' });
		expect((await send()).status).toBe(status);
	});
});

describe('responseEnums (§17.4): responses and webhook payloads', () => {
	it.each([
		['documented', { direction: 'MT', type: 'flash', datacoding: 'UCS' }, { direction: 'mt', type: 'FLASH', datacoding: 'ucs' }, { direction: 'mo', type: 'SMS', datacoding: 'gsm' }],
		['integers', { direction: 0, type: 0, datacoding: 2 }, { direction: 0, type: 0, datacoding: 2 }, { direction: 1, type: 1, datacoding: 0 }],
		['lowercase', { direction: 'mt', type: 'flash', datacoding: 'ucs' }, { direction: 'mt', type: 'flash', datacoding: 'ucs' }, { direction: 'mo', type: 'sms', datacoding: 'gsm' }],
		['uppercase', { direction: 'MT', type: 'FLASH', datacoding: 'UCS' }, { direction: 'MT', type: 'FLASH', datacoding: 'UCS' }, { direction: 'MO', type: 'SMS', datacoding: 'GSM' }],
	] as const)('%s', async (style, batchEnums, messageEnums, inboundEnums) => {
		use({ responseEnums: style });
		const sent = await send({ ...SEND, body: 'Zoë', type: 'flash' });
		const [message] = sent.body as MessageDocument[];
		expect(message).toMatchObject(messageEnums);
		expect((await call(sb, 'GET', `/v2/batches/${message.batchId}`)).body).toMatchObject(batchEnums);
		expect(((await call<BatchDocument[]>(sb, 'GET', '/v2/batches')).body)[0]).toMatchObject(batchEnums);
		expect((await call(sb, 'GET', `/v2/batches/${message.batchId}/messages/${message.id}`)).body).toMatchObject(messageEnums);
		await call(sb, 'PUT', '/v2/me/sms/settings/IncomingCallbackUrl', { body: { value: `${receiver.url}/in` } });
		await sb.control.injectInbound({ from: '46700000009', body: 'Hello' });
		expect(receiver.received[0].body).toMatchObject(inboundEnums);
	});
});

describe('requestEnums (§17.4): what a send accepts', () => {
	it('both (default): strings in any case and integers', async () => {
		expect((await send({ ...SEND, type: 'SMS', datacoding: 'gsm' })).status).toBe(201);
		expect((await send({ ...SEND, type: 1, datacoding: 0 })).status).toBe(201);
	});

	it.each([
		['strings', { type: 1, datacoding: 0 }, { type: 'sms', datacoding: 'GSM' }],
		['integers', { type: 'sms', datacoding: 'gsm' }, { type: 1, datacoding: 0 }],
	] as const)('%s: the other form is a 400 in System.Text.Json words and creates nothing', async (mode, refused, accepted) => {
		use({ requestEnums: mode });
		const res = await call<ProblemBody>(sb, 'POST', '/v2/batches', { body: { ...SEND, ...refused, priority: 1 } });
		expect(res.status).toBe(400);
		expect(res.body.errors).toEqual({
			type: ['The JSON value could not be converted to SmsType.'],
			datacoding: ['The JSON value could not be converted to Datacoding.'],
		});
		expect(sb.control.state(sb.token).batches).toHaveLength(0);
		expect((await send({ ...SEND, ...accepted, priority: 2 })).status).toBe(201);
		expect((await send({ ...SEND, type: refused.type })).status).toBe(400);
	});
});

describe('linkHeader, pageSizeCap, overCap (§17.19)', () => {
	beforeEach(async () => {
		for (let i = 0; i < 5; i++) await call(sb, 'PUT', `/v2/blacklist/4670100000${i}`);
	});
	const page = (query: string) => call<unknown[]>(sb, 'GET', `/v2/blacklist?${query}`);

	it.each([
		['full', (origin: string) => `<${origin}/v2/blacklist?start=2&limit=2&order=ASC>; rel="next"`],
		['noSemicolon', (origin: string) => `<${origin}/v2/blacklist?start=2&limit=2&order=ASC> rel="next"`],
		['relative', () => '</v2/blacklist?start=2&limit=2&order=ASC>; rel="next"'],
	] as const)('%s', async (form, next) => {
		use({ linkHeader: form });
		const link = (await page('limit=2')).headers.get('link') ?? '';
		expect(link).toContain(next(sb.url));
		expect(link.split(', ')).toHaveLength(4);
	});

	it('none: no Link header, the page itself unchanged', async () => {
		use({ linkHeader: 'none' });
		const res = await page('limit=2');
		expect(res.headers.get('link')).toBeNull();
		expect(res.body).toHaveLength(2);
	});

	it('pageSizeCap with overCap reject: a larger limit is a 400 naming limit; the cap itself is served', async () => {
		use({ pageSizeCap: 3 });
		const refused = await call<ProblemBody>(sb, 'GET', '/v2/blacklist?limit=4');
		expect(refused.status).toBe(400);
		expect(refused.body.errors).toEqual({ limit: ['limit must be an integer from 1 to 3.'] });
		expect((await page('limit=3')).body).toHaveLength(3);
	});

	it('overCap clamp: a larger limit silently serves the cap, and the links step by the cap', async () => {
		use({ pageSizeCap: 3, overCap: 'clamp' });
		const res = await page('limit=1000');
		expect(res.status).toBe(200);
		expect(res.body).toHaveLength(3);
		expect(res.headers.get('link')).toContain('start=3&limit=3&order=ASC>; rel="next"');
		expect((await page('limit=0')).status).toBe(400);
	});
});

describe('errorBody (§17.2): every shape carries the same words', () => {
	const reason = "recipients: '+4670' is not a valid MSISDN: digits only (country code first, no '+'), 1 to 15 characters.";
	type Body = Record<string, unknown> & { errors?: unknown; error?: { message: string } };
	const words: Record<SandboxVariants['errorBody'], (body: Body, text: string) => string> = {
		problem: (body) => `${String(body.title)} ${Object.entries(body.errors as Record<string, string[]>).map(([field, reasons]) => `${field}: ${reasons.join(' ')}`).join(' ')}`,
		message: (body) => String(body.message),
		pascalMessage: (body) => String(body.Message),
		nestedError: (body) => String(body.error?.message),
		errorsArray: (body) => (body.errors as string[]).join(' '),
		text: (_body, text) => text,
		html: (_body, text) => text,
	};

	it.each([
		['problem', 'application/problem+json'],
		['message', 'application/json'],
		['pascalMessage', 'application/json'],
		['nestedError', 'application/json'],
		['errorsArray', 'application/json'],
		['text', 'text/plain'],
		['html', 'text/html'],
	] as const)('%s', async (shape, contentType) => {
		use({ errorBody: shape });
		const bad = await call<Body>(sb, 'POST', '/v2/batches', { body: { ...SEND, recipients: ['+4670'] } });
		expect(bad.status).toBe(400);
		expect(bad.headers.get('content-type')).toContain(contentType);
		expect(words[shape](bad.body, bad.text)).toContain(reason);
		if (shape === 'errorsArray') expect(bad.body).toEqual({ errors: [reason] });
		if (shape === 'html') expect(bad.text).toMatch(/^<!DOCTYPE html>[\s\S]*<h1>400 Bad Request<\/h1>/);
		if (shape !== 'problem' && shape !== 'errorsArray') expect(words[shape](bad.body, bad.text)).toContain('One or more validation errors occurred.');
		const missing = await call<Body>(sb, 'GET', '/v2/batches/5bc86b6e85c7209830f96936');
		expect(missing.status).toBe(404);
		expect(missing.text).toContain("Batch '5bc86b6e85c7209830f96936' was not found.");
		const unauthorised = await call<Body>(sb, 'GET', '/v2/batches', { token: 'wrong' });
		expect(unauthorised.status).toBe(401);
		expect(unauthorised.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
		expect(unauthorised.text).toContain('The bearer token is not valid.');
	});
});

describe('templatingDefault, senderRegistration, gsmFittingText', () => {
	const templated = { sender: 'iP1', recipients: { '46700000001': { name: 'Ann' } }, body: 'Hi {name}' };

	it('templatingDefault required: a dictionary without default is a 400 on recipients; with default it is sent', async () => {
		expect((await send(templated)).status).toBe(201);
		use({ templatingDefault: 'required' });
		const res = await call<ProblemBody>(sb, 'POST', '/v2/batches', { body: templated });
		expect(res.status).toBe(400);
		expect(res.body.errors).toEqual({ recipients: ["A templating dictionary must contain a 'default' entry with the fallback values."] });
		expect((await send({ ...templated, recipients: { ...templated.recipients, default: {} } })).status).toBe(201);
		expect((await send(SEND)).status).toBe(201);
		expect(sb.control.state(sb.token).batches).toHaveLength(3);
	});

	it('senderRegistration perMessage (default): accepted, each message 403 at +1 s', async () => {
		const res = await send({ ...SEND, sender: 'Unknown1' });
		expect(res.status).toBe(201);
		await sb.control.advance(1000);
		expect(sb.control.state(sb.token).messages.map((m) => m.statuses.map((s) => s.code))).toEqual([
			[101, 403],
			[101, 403],
		]);
	});

	it('senderRegistration request: 400 naming the sender, nothing created', async () => {
		use({ senderRegistration: 'request' });
		const res = await call<ProblemBody>(sb, 'POST', '/v2/batches', { body: { ...SEND, sender: 'Unknown1' } });
		expect(res.status).toBe(400);
		expect(res.body.errors).toEqual({ sender: ['Sender "Unknown1" is not registered on this account.'] });
		expect(sb.control.state(sb.token).batches).toHaveLength(0);
		expect((await send()).status).toBe(201);
	});

	it('gsmFittingText requested: a GSM-fitting 100-character text without datacoding is ucs, 2 segments, billed as 2', async () => {
		const text = 'a'.repeat(100);
		const smallest = (await send({ ...SEND, recipients: ['46700000001'], body: text })).body as MessageDocument[];
		expect(smallest[0]).toMatchObject({ datacoding: 'gsm', segments: 1, price: 0.0416 });
		use({ gsmFittingText: 'requested' });
		const requested = (await send({ ...SEND, recipients: ['46700000001'], body: text })).body as MessageDocument[];
		expect(requested[0]).toMatchObject({ datacoding: 'ucs', segments: 2, price: 0.0832 });
		expect((await call(sb, 'GET', `/v2/batches/${requested[0].batchId}`)).body).toMatchObject({ datacoding: 'UCS', messageSummary: { '101': { messages: 1, sms: 2 } } });
		const gsm = (await send({ ...SEND, recipients: ['46700000001'], body: text, datacoding: 'gsm' })).body as MessageDocument[];
		expect(gsm[0]).toMatchObject({ datacoding: 'gsm', segments: 1 });
	});
});

describe('settingsBody and settingsPut (§17.14)', () => {
	const base = '/v2/me/sms/settings';
	const url = 'https://example.org/in';

	it.each([
		['object', { IncomingCallbackUrl: url }, { key: 'IncomingCallbackUrl', value: url }],
		['array', [{ key: 'IncomingCallbackUrl', value: url }], { key: 'IncomingCallbackUrl', value: url }],
		['pascalArray', [{ Key: 'IncomingCallbackUrl', Value: url }], { Key: 'IncomingCallbackUrl', Value: url }],
	] as const)('%s', async (shape, collection, one) => {
		use({ settingsBody: shape });
		expect((await call(sb, 'GET', base)).body).toEqual(shape === 'object' ? {} : []);
		expect((await call(sb, 'PUT', `${base}/IncomingCallbackUrl`, { body: { value: url } })).body).toEqual(one);
		expect((await call(sb, 'GET', base)).body).toEqual(collection);
		expect((await call(sb, 'GET', `${base}/IncomingCallbackUrl`)).body).toEqual(one);
	});

	it.each([
		['either', [201, 200], [200, 200]],
		['bareString', [200], [400]],
		['valueObject', [400], [200]],
	] as const)('%s', async (accepts, bareStatus, objectStatus) => {
		use({ settingsPut: accepts });
		const bare = await call<ProblemBody>(sb, 'PUT', `${base}/IncomingCallbackUrl`, { body: url });
		const object = await call<ProblemBody>(sb, 'PUT', `${base}/IncomingCallbackUrl`, { body: { value: url } });
		expect(bareStatus).toContain(bare.status);
		expect(objectStatus).toContain(object.status);
		const refused = bare.status === 400 ? bare : object.status === 400 ? object : null;
		if (refused) expect(Object.keys(refused.body.errors ?? {})).toEqual(['value']);
		expect(sb.control.state(sb.token).settings).toEqual({ IncomingCallbackUrl: url });
	});
});

describe('timestamps (§17.24): documents, lists and webhook payloads', () => {
	it.each([
		['seconds', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/],
		['milliseconds', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/],
		['zoneless', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/],
		['offset', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+01:00$/],
	] as const)('%s', async (style, pattern) => {
		use({ timestamps: style });
		const [message] = (await send({ ...SEND, deliveryReportUrl: `${receiver.url}/dlr`, deliveryWindows: [{ opens: '2020-01-01T00:00:00Z' }] })).body as MessageDocument[];
		await sb.control.advance(10_000);
		const full = (await call<MessageDocument>(sb, 'GET', `/v2/batches/${message.batchId}/messages/${message.id}`)).body;
		const batch = (await call<BatchDocument>(sb, 'GET', `/v2/batches/${message.batchId}`)).body;
		await call(sb, 'PUT', '/v2/blacklist/46700000077');
		const entry = (await call<Array<{ created: string }>>(sb, 'GET', '/v2/blacklist')).body[0];
		const report = receiver.received[0].body as DeliveryReportPayload;
		const windows = batch.deliveryWindows.flatMap((w) => [w.opens, w.closes]);
		const stamps = [message.modified, ...full.statuses.map((s) => s.created), full.modified, batch.created, ...windows, entry.created, report.created];
		expect(stamps).toHaveLength(9);
		for (const stamp of stamps) expect(stamp).toMatch(pattern);
		const utc = Date.parse(style === 'zoneless' ? `${full.statuses[1].created}Z` : full.statuses[1].created);
		expect(utc - Date.parse(style === 'zoneless' ? `${message.statuses[0].created}Z` : message.statuses[0].created)).toBe(1000);
	});
});

describe('deleteResponse (§17.18 and every DELETE)', () => {
	async function deletions(): Promise<Array<{ status: number; text: string }>> {
		const [message] = (await send({ ...SEND, deliveryWindows: [{ opens: '2035-01-01T00:00:00Z' }] })).body as MessageDocument[];
		await call(sb, 'PUT', '/v2/me/sms/settings/IncomingCallbackUrl', { body: 'https://example.org/in' });
		await call(sb, 'PUT', '/v2/blacklist/46700000077');
		return [
			await call(sb, 'DELETE', `/v2/batches/${message.batchId}`),
			await call(sb, 'DELETE', '/v2/me/sms/settings/IncomingCallbackUrl'),
			await call(sb, 'DELETE', '/v2/blacklist/46700000077'),
		];
	}

	it('documented: batch 200 document, setting 204, blacklist 200 entry', async () => {
		const [batch, setting, entry] = await deletions();
		expect([batch.status, setting.status, entry.status]).toEqual([200, 204, 200]);
		expect(JSON.parse(batch.text)).toMatchObject({ status: 203 });
		expect(setting.text).toBe('');
		expect(JSON.parse(entry.text)).toMatchObject({ msisdn: '46700000077' });
	});

	it('noContent: every DELETE answers 204 with no body, and still deletes', async () => {
		use({ deleteResponse: 'noContent' });
		const answers = await deletions();
		expect(answers.map((a) => [a.status, a.text])).toEqual([
			[204, ''],
			[204, ''],
			[204, ''],
		]);
		const state = sb.control.state(sb.token);
		expect([state.settings, state.blacklist, state.messages[0].statuses.at(-1)?.code]).toEqual([{}, [], 203]);
	});

	it('body: every DELETE answers 200 with the deleted document (the setting too)', async () => {
		use({ deleteResponse: 'body' });
		const [batch, setting, entry] = await deletions();
		expect([batch.status, setting.status, entry.status]).toEqual([200, 200, 200]);
		expect(JSON.parse(setting.text)).toEqual({ key: 'IncomingCallbackUrl', value: 'https://example.org/in' });
		expect(JSON.parse(batch.text)).toMatchObject({ sender: 'iP1' });
		expect(JSON.parse(entry.text)).toMatchObject({ msisdn: '46700000077' });
	});
});

describe('accountCasing and accountType (§17.23), dlrIdKey (§17.10)', () => {
	it('camel: /api/me… keys in camelCase (ID → id); requests may use either casing', async () => {
		use({ accountCasing: 'camel' });
		expect(Object.keys((await call<object>(sb, 'GET', '/api/me')).body)).toEqual(['account', 'organization', 'type', 'balance', 'currency']);
		expect(Object.keys((await call<object>(sb, 'GET', '/api/me/account')).body)).toEqual(['key', 'parent', 'type', 'balance', 'currency', 'id', 'name']);
		const child = (await call<{ id: string; name: string }>(sb, 'POST', '/api/me/children', { body: { name: 'Support' } })).body;
		expect(child.name).toBe('Support');
		expect((await call<Array<{ id: string }>>(sb, 'GET', '/api/me/children')).body.map((c) => c.id)).toEqual([child.id]);
		const renamed = await call<{ name: string }>(sb, 'PUT', `/api/me/children/${child.id}`, { body: { id: child.id, name: 'Sales' } });
		expect(renamed.body.name).toBe('Sales');
	});

	it('pascal (default) keeps PascalCase; accountType capitalised shows Swedish / International', async () => {
		expect((await call(sb, 'GET', '/api/me')).body).toMatchObject({ Type: 'international' });
		use({ accountType: 'capitalised' });
		expect((await call(sb, 'GET', '/api/me')).body).toMatchObject({ Type: 'International' });
		const swedish = sb.control.createAccount({ type: 'swedish' });
		expect((await call(sb, 'GET', '/api/me/account', { token: swedish.token })).body).toMatchObject({ Type: 'Swedish', Currency: 'SEK' });
	});

	it('dlrIdKey messageId names the message id as on the older page, changed at run time', async () => {
		use({ dlrIdKey: 'messageId' });
		const [message] = (await send({ ...SEND, recipients: ['46700000001'], deliveryReportUrl: `${receiver.url}/dlr` })).body as MessageDocument[];
		await sb.control.advance(1000);
		const report = receiver.received[0].body as DeliveryReportPayload;
		expect(report.messageId).toBe(message.id);
		expect(report.id).toBeUndefined();
	});
});
