import { startSandbox, type BatchDocument, type MessageDocument, type SandboxHandle } from '../../sandbox';
import { countSegments, nonGsmCharacters } from '../../sandbox/gsm';
import { call, type ProblemBody } from './helpers';

describe('sandbox: GSM-7 and segments', () => {
	it('counts GSM segments: 160 single, 153 per part, extension characters count 2', () => {
		expect(countSegments('a'.repeat(160), 'gsm')).toBe(1);
		expect(countSegments('a'.repeat(161), 'gsm')).toBe(2);
		expect(countSegments('a'.repeat(306), 'gsm')).toBe(2);
		expect(countSegments('a'.repeat(307), 'gsm')).toBe(3);
		expect(countSegments('€'.repeat(80), 'gsm')).toBe(1);
		expect(countSegments(`${'a'.repeat(159)}€`, 'gsm')).toBe(2);
		// An escape pair is never split: 152 + [ESC €] does not fit in the first 153 septets.
		expect(countSegments(`${'a'.repeat(152)}€${'a'.repeat(10)}`, 'gsm')).toBe(2);
		expect(countSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`, 'gsm')).toBe(3);
	});

	it('counts UCS-2 segments: 70 single, 67 per part, surrogate pairs never split', () => {
		expect(countSegments('ж'.repeat(70), 'ucs')).toBe(1);
		expect(countSegments('ж'.repeat(71), 'ucs')).toBe(2);
		expect(countSegments('ж'.repeat(134), 'ucs')).toBe(2);
		expect(countSegments('ж'.repeat(135), 'ucs')).toBe(3);
		expect(countSegments('😀'.repeat(35), 'ucs')).toBe(1);
		expect(countSegments(`${'ж'.repeat(66)}😀${'ж'.repeat(3)}`, 'ucs')).toBe(2);
	});

	it('knows the basic and extension tables', () => {
		expect(nonGsmCharacters('@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&\'()*+,-./:;<=>?¡ÄÖÑÜ§¿äöñüà^{}\\[~]|€\n\r\f')).toEqual([]);
		expect(nonGsmCharacters('Hej ✓ ç å 😀 ✓')).toEqual(['✓', 'ç', '😀']);
	});
});

describe('sandbox: send content', () => {
	let sb: SandboxHandle;
	beforeAll(async () => {
		sb = await startSandbox();
	});
	afterAll(() => sb.close());
	beforeEach(() => sb.control.reset());

	const send = (body: Record<string, unknown>) =>
		call<MessageDocument[]>(sb, 'POST', '/v2/batches', { body: { sender: 'iP1', ...body } });

	describe('templating (legacy v1 rule)', () => {
		it('uses the recipient value, then default, then empty; leaves unknown placeholders untouched', async () => {
			const res = await send({
				recipients: {
					'46700000001': { name: 'Bob', sign: ' /Bob' },
					'46700000002': {},
					'46700000003': { name: 'Eve' },
					default: { sign: ' /iP.1' },
				},
				body: 'Hi {name}{sign} {unknown} {}',
			});
			expect(res.status).toBe(201);
			expect(res.body.map((m) => [m.recipient, m.body])).toEqual([
				['46700000001', 'Hi Bob /Bob {unknown} {}'],
				['46700000002', 'Hi  /iP.1 {unknown} {}'],
				['46700000003', 'Hi Eve /iP.1 {unknown} {}'],
			]);
			const [batch] = sb.control.state(sb.token).batches;
			expect(batch.templated).toBe(true);
			expect(batch.body).toBe('Hi {name}{sign} {unknown} {}');
		});

		it('does not substitute with an array of recipients', async () => {
			const res = await send({ recipients: ['46700000001'], body: 'Price {amount}' });
			expect(res.body[0].body).toBe('Price {amount}');
			expect(sb.control.state(sb.token).batches[0].templated).toBe(false);
		});

		it('substitutes every occurrence and counts segments on the substituted text', async () => {
			const res = await send({
				recipients: { '46700000001': { x: 'a'.repeat(100) }, '46700000002': { x: 'b' } },
				body: '{x}{x}',
				datacoding: 'gsm',
			});
			expect(res.body[0].body).toHaveLength(200);
			expect(res.body[0].segments).toBe(2);
			expect(res.body[1].body).toBe('bb');
			expect(res.body[1].segments).toBe(1);
		});
	});

	describe('datacoding', () => {
		it('refuses the whole request with gsm when a (substituted) text needs other characters, naming them', async () => {
			const res = await call<ProblemBody>(sb, 'POST', '/v2/batches', {
				body: {
					sender: 'iP1',
					recipients: { '46700000001': { n: 'Åsa' }, '46700000002': { n: 'Zoë ✓' } },
					body: 'Hej {n}',
					datacoding: 'gsm',
				},
			});
			expect(res.status).toBe(400);
			expect(Object.keys(res.body.errors ?? {})).toEqual(['body']);
			expect(res.body.errors?.body[0]).toContain('"ë"');
			expect(res.body.errors?.body[0]).toContain('"✓"');
			expect(res.body.errors?.body[0]).not.toContain('"Å"');
			expect(sb.control.state(sb.token).messages).toHaveLength(0);
		});

		it('accepts the extension table with gsm', async () => {
			const res = await send({ recipients: ['46700000001'], body: 'Cost: 5€ [x] {y} ~^|\\', datacoding: 'GSM' });
			expect(res.status).toBe(201);
			expect(res.body[0].datacoding).toBe('gsm');
		});

		it('defaults to ucs: each message gets the smallest coding, the batch the largest', async () => {
			const res = await send({
				recipients: { '46700000001': { n: 'Bob' }, '46700000002': { n: 'Zoë' } },
				body: 'Hi {n}',
			});
			expect(res.body.map((m) => m.datacoding)).toEqual(['gsm', 'ucs']);
			expect(sb.control.state(sb.token).batches[0].datacoding).toBe('UCS');

			const plain = await send({ recipients: ['46700000001'], body: 'Plain' });
			expect(plain.body[0].datacoding).toBe('gsm');
			expect(sb.control.state(sb.token).batches[1].datacoding).toBe('GSM');
		});
	});

	describe('price and balance', () => {
		it('charges 0.0416 per segment (+0.01 at priority 2) in the account currency and debits the balance', async () => {
			const before = sb.control.state(sb.token).balance;
			const res = await send({ recipients: ['46700000001', '46700000002'], body: 'x'.repeat(161), datacoding: 'gsm', priority: 2 });
			expect(res.body[0]).toMatchObject({ segments: 2, price: 0.1032, currency: 'EUR', priority: 2 });
			expect(sb.control.state(sb.token).balance).toBeCloseTo(before - 0.2064, 4);
			const swedish = sb.control.createAccount({ type: 'swedish' });
			const sek = await call<MessageDocument[]>(sb, 'POST', '/v2/batches', {
				token: swedish.token,
				body: { sender: 'iP1', recipients: ['46700000001'], body: 'Hej' },
			});
			expect(sek.body[0]).toMatchObject({ price: 0.0416, currency: 'SEK' });
		});
	});

	describe('response of POST /v2/batches (default shape: messages)', () => {
		it('is 201 with the created message documents in the documented shape', async () => {
			const res = await send({ recipients: ['46700000001'], body: 'Hi', reference: 'order-42', type: 'flash' });
			expect(res.status).toBe(201);
			const [msg] = res.body;
			expect(Object.keys(msg)).toEqual([
				'id', 'batchId', 'owner', 'sender', 'recipient', 'body', 'direction', 'segments', 'type', 'datacoding',
				'priority', 'price', 'currency', 'statuses', 'modified', 'reference', 'mcc', 'mnc',
			]);
			expect(msg).toMatchObject({
				owner: sb.accountId,
				direction: 'mt',
				type: 'FLASH',
				datacoding: 'gsm',
				priority: 1,
				reference: 'order-42',
				mcc: '240',
				mnc: '01',
				statuses: [{ code: 101, duration: 0, created: sb.control.now().toISOString().replace('.000Z', 'Z') }],
			});
			expect(msg.modified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		});
	});
});

describe('sandbox: alternative response options', () => {
	it("batchResponseShape 'batch' answers the batch document with both summaries", async () => {
		const sb = await startSandbox({ batchResponseShape: 'batch' });
		try {
			const res = await call<BatchDocument>(sb, 'POST', '/v2/batches', {
				body: { sender: 'iP1', recipients: ['46700000001', '46700000002'], body: 'Hi', tags: ['t'], reference: 'r1' },
			});
			expect(res.status).toBe(201);
			expect(res.body).toMatchObject({
				sender: 'iP1',
				owner: sb.accountId,
				direction: 'MT',
				type: 'sms',
				datacoding: 'GSM',
				priority: 1,
				templated: false,
				status: 101,
				deliveryWindows: [],
				deliveryReportUrl: null,
				reference: 'r1',
				tags: ['t'],
				priceSummary: { total: 0.0832, currency: 'EUR', average: 0.0416 },
				messageSummary: { '101': { messages: 2, sms: 2 } },
			});
			expect(res.body.id).toMatch(/^[0-9a-f]{24}$/);
		} finally {
			await sb.close();
		}
	});

	it("enumStyle 'integers' renders type, datacoding and direction as integers everywhere", async () => {
		const sb = await startSandbox({ enumStyle: 'integers' });
		try {
			const res = await call<MessageDocument[]>(sb, 'POST', '/v2/batches', {
				body: { sender: 'iP1', recipients: ['46700000001'], body: 'Zoë', type: 'flash' },
			});
			expect(res.body[0]).toMatchObject({ type: 0, datacoding: 2, direction: 0 });
			const batch = await call<BatchDocument>(sb, 'GET', `/v2/batches/${res.body[0].batchId}`);
			expect(batch.body).toMatchObject({ type: 0, datacoding: 2, direction: 0 });
			const sms = await call<MessageDocument[]>(sb, 'POST', '/v2/batches', {
				body: { sender: 'iP1', recipients: ['46700000001'], body: 'Plain', type: 1, datacoding: 0 },
			});
			expect(sms.body[0]).toMatchObject({ type: 1, datacoding: 0 });
			const inbound = await sb.control.injectInbound({ from: '46700000009', body: 'Hello' });
			expect(inbound.direction).toBe(1);
		} finally {
			await sb.close();
		}
	});

	it("enumStyle 'documented' mirrors the documentation's casings", async () => {
		const sb = await startSandbox();
		try {
			const res = await call<MessageDocument[]>(sb, 'POST', '/v2/batches', {
				body: { sender: 'iP1', recipients: ['46700000001'], body: 'Plain', type: 0, datacoding: 2 },
			});
			expect(res.body[0]).toMatchObject({ type: 'FLASH', datacoding: 'gsm', direction: 'mt' });
			const batch = await call<BatchDocument>(sb, 'GET', `/v2/batches/${res.body[0].batchId}`);
			expect(batch.body).toMatchObject({ type: 'flash', datacoding: 'GSM', direction: 'MT' });
			const inbound = await sb.control.injectInbound({ from: '46700000009', body: 'Hello' });
			expect(inbound).toMatchObject({ direction: 'mo', type: 'SMS', datacoding: 'gsm' });
		} finally {
			await sb.close();
		}
	});
});
