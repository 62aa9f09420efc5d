import { startSandbox, type LandingDocument, type MessageDocument, type SandboxHandle, type SandboxVariants } from '../../sandbox';
import { call, startReceiver, type ProblemBody, type Receiver } from './helpers';

// The switches the sandbox adds beyond the shared contract (README "Readings (switches)", second table).

const SEND = { sender: 'iP1', recipients: ['46700000001'], body: 'Hi there' };

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

describe('gsmUnencodable (§17.5)', () => {
	const body = { ...SEND, recipients: ['46700000001', '46700000002'], datacoding: 'gsm', body: 'Zoë' };

	it('request (default): the whole request is refused naming the characters', async () => {
		const res = await call<ProblemBody>(sb, 'POST', '/v2/batches', { body: { ...body, body: 'Zoë 😀' } });
		expect(res.status).toBe(400);
		expect(res.body.errors?.body?.[0]).toContain('"😀"');
		expect(sb.control.state(sb.token).batches).toHaveLength(0);
	});

	it('message: accepted; only the messages whose text gsm cannot carry end in 404 ContentRejected', async () => {
		use({ gsmUnencodable: 'message' });
		const res = await call<MessageDocument[]>(sb, 'POST', '/v2/batches', {
			body: { ...body, body: 'Hi {name}', recipients: { '46700000001': { name: 'Zoë 😀' }, '46700000002': { name: 'Bo' } } },
		});
		expect(res.status).toBe(201);
		await sb.control.advance(10_000);
		const messages = sb.control.state(sb.token).messages;
		expect(messages.map((m) => [m.recipient, m.datacoding, m.statuses.at(-1)?.code])).toEqual([
			['46700000001', 'gsm', 404],
			['46700000002', 'gsm', 201],
		]);
	});
});

describe('validationStatus (§17.2)', () => {
	it('422: every validation failure answers 422 with the same problem; other errors keep their status', async () => {
		use({ validationStatus: 422 });
		const res = await call<ProblemBody>(sb, 'POST', '/v2/batches', { body: { ...SEND, recipients: [] } });
		expect(res.status).toBe(422);
		expect(res.body).toMatchObject({ status: 422, title: 'One or more validation errors occurred.', errors: { recipients: ['recipients must contain at least one number.'] } });
		expect((await call(sb, 'GET', '/v2/contacts?limit=0')).status).toBe(422);
		expect((await call(sb, 'GET', '/v2/batches/5bc86b6e85c7209830f96936')).status).toBe(404);
	});
});

describe('settingsPath (§17.14)', () => {
	it.each([
		['both', 200, 200],
		['v2', 200, 404],
		['unversioned', 404, 200],
	] as const)('%s', async (path, v2Status, unversionedStatus) => {
		use({ settingsPath: path });
		expect((await call(sb, 'GET', '/v2/me/sms/settings')).status).toBe(v2Status);
		expect((await call(sb, 'GET', '/me/sms/settings')).status).toBe(unversionedStatus);
		const put = await call<ProblemBody>(sb, 'PUT', `${v2Status === 404 ? '/v2' : ''}/me/sms/settings/IncomingCallbackUrl`, { body: 'https://example.org/in' });
		expect(put.status).toBe(path === 'both' ? 200 : 404);
		if (put.status === 404) expect(put.body.detail).toMatch(/^No endpoint PUT \/(v2\/)?me\/sms\/settings\/IncomingCallbackUrl\.$/);
	});
});

describe('pagedLists (§17.19)', () => {
	it('core: senders, blacklist and landing pages answer everything, ignoring start/limit/order, without Link; contacts still page', async () => {
		for (let i = 0; i < 4; i++) await call(sb, 'PUT', `/v2/blacklist/4670100000${i}`);
		await call(sb, 'POST', '/v2/contacts?sync', { body: [1, 2, 3].map((n) => ({ properties: { phoneNumber: `+4670100000${n}` } })) });
		use({ pagedLists: 'core' });
		const blacklist = await call<unknown[]>(sb, 'GET', '/v2/blacklist?start=1&limit=2&order=DESC');
		expect(blacklist.body).toHaveLength(4);
		expect(blacklist.headers.get('link')).toBeNull();
		expect((await call<unknown[]>(sb, 'GET', '/v2/me/senders?limit=1')).body).toHaveLength(2);
		const contacts = await call<unknown[]>(sb, 'GET', '/v2/contacts?limit=2');
		expect(contacts.body).toHaveLength(2);
		expect(contacts.headers.get('link')).toContain('rel="next"');
		use({ pagedLists: 'all' });
		expect((await call<unknown[]>(sb, 'GET', '/v2/blacklist?start=1&limit=2')).body).toHaveLength(2);
	});
});

describe('statusDuration (§17.11)', () => {
	it('elapsedSeconds: statuses[].duration is the seconds since the previous status; delivery reports keep the final flag', async () => {
		const [sent] = (await call<MessageDocument[]>(sb, 'POST', '/v2/batches', { body: { ...SEND, deliveryReportUrl: `${receiver.url}/dlr` } })).body;
		await sb.control.advance(10_000);
		const path = `/v2/batches/${sent.batchId}/messages/${sent.id}`;
		expect((await call<MessageDocument>(sb, 'GET', path)).body.statuses.map((s) => s.duration)).toEqual([0, 0, 0, 0, 0, 1]);
		use({ statusDuration: 'elapsedSeconds' });
		expect((await call<MessageDocument>(sb, 'GET', path)).body.statuses.map((s) => s.duration)).toEqual([0, 1, 1, 1, 2, 5]);
		const [latest] = (await call<MessageDocument[]>(sb, 'GET', `/v2/batches/${sent.batchId}/messages`)).body;
		expect(latest.statuses).toEqual([expect.objectContaining({ code: 201, duration: 5 })]);
		expect(receiver.received.map((r) => (r.body as { duration: number }).duration)).toEqual([0, 0, 0, 0, 1]);
	});
});

describe('windowCloses and windowZone (§17.7)', () => {
	const window = (w: Record<string, string>) => ({ ...SEND, deliveryWindows: [w] });

	it('closes required: a window without closes is a 400 on deliveryWindows[0].closes', async () => {
		expect((await call(sb, 'POST', '/v2/batches', { body: window({ opens: '2035-01-01T10:00:00Z' }) })).status).toBe(201);
		use({ windowCloses: 'required' });
		const res = await call<ProblemBody>(sb, 'POST', '/v2/batches', { body: window({ opens: '2035-01-01T10:00:00Z' }) });
		expect(res.status).toBe(400);
		expect(res.body.errors).toEqual({ 'deliveryWindows[0].closes': ['closes is required.'] });
		expect((await call(sb, 'POST', '/v2/batches', { body: window({ opens: '2035-01-01T10:00:00Z', closes: '2035-01-02T10:00:00Z' }) })).status).toBe(201);
	});

	it('utc: offsets and zoneless times are refused; Z is accepted', async () => {
		use({ windowZone: 'utc' });
		for (const opens of ['2035-01-01T10:00:00+01:00', '2035-01-01T10:00:00']) {
			const res = await call<ProblemBody>(sb, 'POST', '/v2/batches', { body: window({ opens }) });
			expect(res.status).toBe(400);
			expect(res.body.errors?.['deliveryWindows[0].opens']?.[0]).toContain('in UTC with Z');
		}
		expect((await call(sb, 'POST', '/v2/batches', { body: window({ opens: '2035-01-01T10:00:00Z' }) })).status).toBe(201);
	});
});

describe('senderPut (§17.9), blacklistPutBody (§17.21), landingDelete (§17.22)', () => {
	it.each([
		['both', 201, 201],
		['path', 201, 405],
		['body', 405, 201],
	] as const)('senderPut %s', async (form, pathStatus, bodyStatus) => {
		use({ senderPut: form });
		const byPath = await call(sb, 'PUT', '/v2/me/senders/ShopA');
		const byBody = await call(sb, 'PUT', '/v2/me/senders', { body: { sender: 'ShopB' } });
		expect([byPath.status, byBody.status]).toEqual([pathStatus, bodyStatus]);
		const refused = byPath.status === 405 ? byPath : byBody.status === 405 ? byBody : null;
		if (refused) expect(refused.headers.get('allow')).toBeTruthy();
	});

	it('blacklistPutBody required: PUT without a body (or with another number) is a 400; with {msisdn} it adds', async () => {
		use({ blacklistPutBody: 'required' });
		const bare = await call<ProblemBody>(sb, 'PUT', '/v2/blacklist/46700000077');
		expect(bare.status).toBe(400);
		expect(bare.body.errors).toEqual({ msisdn: ['msisdn is required in the body: send {"msisdn": "46700000077"}.'] });
		expect((await call(sb, 'PUT', '/v2/blacklist/46700000077', { body: { msisdn: '46700000078' } })).status).toBe(400);
		expect((await call(sb, 'PUT', '/v2/blacklist/46700000077', { body: { msisdn: '46700000077' } })).status).toBe(201);
		expect(sb.control.state(sb.token).blacklist.map((e) => e.msisdn)).toEqual(['46700000077']);
	});

	it.each([
		['both', 204, 204],
		['delete', 204, 405],
		['post', 405, 204],
	] as const)('landingDelete %s', async (method, deleteStatus, postStatus) => {
		use({ landingDelete: method });
		const make = async () => (await call<LandingDocument>(sb, 'POST', '/v2/landings', { body: { name: 'Page' } })).body.id;
		expect((await call(sb, 'DELETE', `/v2/landings/${await make()}`)).status).toBe(deleteStatus);
		expect((await call(sb, 'POST', `/v2/landings/${await make()}`)).status).toBe(postStatus);
		expect(sb.control.state(sb.token).landings).toHaveLength(method === 'both' ? 0 : 1);
	});
});

describe('importResponse (§17.20), bodyLimit (§17.6)', () => {
	it('importResponse empty: the asynchronous import answers 202 with no body and still imports', async () => {
		const contacts = [{ properties: { phoneNumber: '+46700000001' } }];
		expect((await call(sb, 'POST', '/v2/contacts', { body: contacts })).body).toEqual({ accepted: 1 });
		use({ importResponse: 'empty' });
		const res = await call(sb, 'POST', '/v2/contacts', { body: contacts });
		expect([res.status, res.text]).toEqual([202, '']);
		await sb.control.settle();
		expect(sb.control.state(sb.token).contacts).toHaveLength(2);
	});

	it('bodyLimit substituted: the limit applies to each text after templating, not to the template', async () => {
		const template = `${'x'.repeat(1990)}{tail}`;
		const body = { sender: 'iP1', recipients: { '46700000001': { tail: 'y'.repeat(20) }, '46700000002': { tail: 'z' } }, body: template };
		expect((await call(sb, 'POST', '/v2/batches', { body })).status).toBe(201);
		use({ bodyLimit: 'substituted' });
		const res = await call<ProblemBody>(sb, 'POST', '/v2/batches', { body });
		expect(res.status).toBe(400);
		expect(res.body.errors).toEqual({ body: ['Each text must be at most 2000 characters after templating; too long: 46700000001 (2010).'] });
		const longTemplate = { ...body, body: `${'x'.repeat(1995)}{a}{b}{c}{d}{e}{f}`, recipients: { '46700000001': {}, default: { a: '', b: '', c: '', d: '', e: '', f: '' } } };
		expect((await call(sb, 'POST', '/v2/batches', { body: longTemplate })).status).toBe(201);
		use({ bodyLimit: 'template' });
		expect((await call(sb, 'POST', '/v2/batches', { body: longTemplate })).status).toBe(400);
	});
});
