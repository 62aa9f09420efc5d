import { startSandbox, type SandboxHandle } from '../../sandbox';
import { call, type ProblemBody } from './helpers';

const VALID = { sender: 'iP1', recipients: ['46700000001'], body: 'Hello' };

describe('sandbox: POST /v2/batches validation (whole request refused, nothing created)', () => {
	let sb: SandboxHandle;
	beforeAll(async () => {
		sb = await startSandbox();
	});
	afterAll(() => sb.close());

	const refused = async (body: unknown): Promise<ProblemBody> => {
		const before = sb.control.state(sb.token);
		const res = await call<ProblemBody>(sb, 'POST', '/v2/batches', { body });
		expect(res.status).toBe(400);
		expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
		expect(res.body.type).toBe('https://tools.ietf.org/html/rfc7231#section-6.5.1');
		const after = sb.control.state(sb.token);
		expect(after.batches).toHaveLength(before.batches.length);
		expect(after.messages).toHaveLength(before.messages.length);
		expect(after.balance).toBe(before.balance);
		return res.body;
	};
	const fields = (problem: ProblemBody): string[] => Object.keys(problem.errors ?? {});

	it('accepts the documented minimal request', async () => {
		const res = await call(sb, 'POST', '/v2/batches', { body: VALID });
		expect(res.status).toBe(201);
	});

	it('refuses a body that is not an object', async () => {
		expect(fields(await refused(['46700000001']))).toEqual(['$']);
	});

	describe('sender', () => {
		it.each([
			['missing', undefined],
			['empty', ''],
			['numeric with +', '+46701234567'],
			['numeric longer than 15 digits', '1234567890123456'],
			['alphanumeric shorter than 3', 'ab'],
			['alphanumeric longer than 11', 'ABCDEFGHIJKL'],
			['with a space', 'My Shop'],
			['with punctuation', 'Shop.se'],
			['with non-ASCII letters', 'Café'],
			['not a string', 4670],
		])('refuses a sender that is %s', async (_label, sender) => {
			const problem = await refused({ ...VALID, sender });
			expect(fields(problem)).toEqual(['sender']);
		});

		it.each([['123456789012345'], ['46101606060'], ['Abc'], ['ABCDEFGHIJK'], ['12']])('accepts %s', async (sender) => {
			const res = await call(sb, 'POST', '/v2/batches', { body: { ...VALID, sender } });
			expect(res.status).toBe(201);
		});
	});

	describe('recipients', () => {
		it.each([
			['missing', undefined],
			['null', null],
			['an empty array', []],
			['an empty templating object', {}],
			['a templating object with only default', { default: { name: 'x' } }],
			['a string', '46700000001'],
		])('refuses recipients that is %s', async (_label, recipients) => {
			expect(fields(await refused({ ...VALID, recipients }))).toEqual(['recipients']);
		});

		it.each([
			['a + prefix', '+46700000001'],
			['spaces', '4670 000 0001'],
			['letters', '4670000000a'],
			['16 digits', '1234567890123456'],
			['nothing', ''],
		])('refuses a number with %s and names it', async (_label, bad) => {
			const problem = await refused({ ...VALID, recipients: ['46700000001', bad] });
			expect(fields(problem)).toEqual(['recipients']);
			expect(problem.errors?.recipients.join(' ')).toContain(`'${bad}'`);
		});

		it('refuses a non-string array element', async () => {
			expect(fields(await refused({ ...VALID, recipients: [46700000001] }))).toEqual(['recipients']);
		});

		it('refuses a bad number used as a templating key, and non-string placeholder values', async () => {
			const bad = await refused({ ...VALID, recipients: { '+4670': {} } });
			expect(bad.errors?.recipients.join(' ')).toContain("'+4670'");
			expect(fields(await refused({ ...VALID, recipients: { '46700000001': { n: 5 } } }))).toEqual(['recipients']);
			expect(fields(await refused({ ...VALID, recipients: { '46700000001': 'x' } }))).toEqual(['recipients']);
		});

		it('accepts 15 digits and a single digit', async () => {
			const res = await call(sb, 'POST', '/v2/batches', { body: { ...VALID, recipients: ['123456789012345', '1'] } });
			expect(res.status).toBe(201);
		});

		it('de-duplicates numbers in an array (one message each)', async () => {
			const res = await call<Array<{ recipient: string }>>(sb, 'POST', '/v2/batches', {
				body: { ...VALID, recipients: ['46700000001', '46700000002', '46700000001'] },
			});
			expect(res.status).toBe(201);
			expect(res.body.map((m) => m.recipient)).toEqual(['46700000001', '46700000002']);
		});

		it('refuses more than 10 000 recipients and accepts exactly 10 000', async () => {
			const numbers = Array.from({ length: 10_001 }, (_, i) => String(46710000000 + i));
			const problem = await refused({ ...VALID, recipients: numbers });
			expect(fields(problem)).toEqual(['recipients']);
			const ok = await call<unknown[]>(sb, 'POST', '/v2/batches', { body: { ...VALID, recipients: numbers.slice(0, 10_000) } });
			expect(ok.status).toBe(201);
			expect(ok.body).toHaveLength(10_000);
		});
	});

	describe('body', () => {
		it.each([
			['missing', undefined],
			['null', null],
			['empty', ''],
			['whitespace only', ' \n\t '],
			['not a string', 42],
			['2001 characters', 'x'.repeat(2001)],
		])('refuses a body that is %s', async (_label, body) => {
			expect(fields(await refused({ ...VALID, body }))).toEqual(['body']);
		});

		it('accepts exactly 2000 characters, counted on the template before substitution', async () => {
			const exact = await call(sb, 'POST', '/v2/batches', { body: { ...VALID, body: 'x'.repeat(2000) } });
			expect(exact.status).toBe(201);
			const template = `${'x'.repeat(1994)}{long}`; // 2000 characters; the value makes the text longer
			const templated = await call<Array<{ body: string }>>(sb, 'POST', '/v2/batches', {
				body: { ...VALID, body: template, recipients: { '46700000001': { long: 'y'.repeat(100) } } },
			});
			expect(templated.status).toBe(201);
			expect(templated.body[0].body).toHaveLength(2094);
		});
	});

	describe('options', () => {
		it.each([
			['type', 'mms'],
			['type', 2],
			['type', true],
			['datacoding', 'utf8'],
			['datacoding', 1],
			['priority', 3],
			['priority', '1'],
			['priority', 0],
			['deliveryReportUrl', 'not a url'],
			['deliveryReportUrl', 'ftp://example.org/dlr'],
			['deliveryReportUrl', '/relative/path'],
			['reference', 'r'.repeat(257)],
			['reference', 12],
			['tags', 'marketing'],
			['tags', ['ok', 3]],
			['deliveryWindows', { opens: '2030-01-01T00:00:00Z' }],
			['deliveryWindows', Array.from({ length: 11 }, () => ({ opens: '2030-01-01T00:00:00Z' }))],
		])('refuses %s = %j', async (field, value) => {
			expect(fields(await refused({ ...VALID, [field]: value }))).toEqual([field]);
		});

		it.each([
			['type', 'SMS'],
			['type', 'Flash'],
			['type', 0],
			['type', 1],
			['datacoding', 'GSM'],
			['datacoding', 'Ucs'],
			['datacoding', 0],
			['datacoding', 2],
			['priority', 2],
			['deliveryReportUrl', ''],
			['deliveryReportUrl', 'https://example.org/dlr?x=1'],
			['reference', 'r'.repeat(256)],
			['tags', ['a', 'b']],
		])('accepts %s = %j', async (field, value) => {
			const res = await call(sb, 'POST', '/v2/batches', { body: { ...VALID, [field]: value } });
			expect(res.status).toBe(201);
		});

		it.each([
			['opens missing', [{ closes: '2030-01-01T00:00:00Z' }], 'deliveryWindows[0].opens'],
			['opens not a date-time', [{ opens: 'tomorrow' }], 'deliveryWindows[0].opens'],
			['closes before opens', [{ opens: '2030-01-02T00:00:00Z', closes: '2030-01-01T00:00:00Z' }], 'deliveryWindows[0].closes'],
			['closes equal to opens', [{ opens: '2030-01-02T00:00:00Z', closes: '2030-01-02T00:00:00Z' }], 'deliveryWindows[0].closes'],
			['a bad second window', [{ opens: '2030-01-02T00:00:00Z' }, { opens: 'x' }], 'deliveryWindows[1].opens'],
		])('refuses delivery windows with %s', async (_label, deliveryWindows, field) => {
			expect(fields(await refused({ ...VALID, deliveryWindows }))).toEqual([field]);
		});

		it('defaults closes to opens + 7 days and accepts offsets', async () => {
			sb.control.reset();
			const res = await call(sb, 'POST', '/v2/batches', {
				body: { ...VALID, deliveryWindows: [{ opens: '2030-01-01T10:00:00+02:00' }] },
			});
			expect(res.status).toBe(201);
			const [batch] = sb.control.state(sb.token).batches;
			expect(batch.deliveryWindows).toEqual([{ opens: '2030-01-01T08:00:00Z', closes: '2030-01-08T08:00:00Z' }]);
		});
	});

	it('reports every invalid field at once', async () => {
		const problem = await refused({ sender: '+1', recipients: ['x'], body: '', priority: 5, type: 'mms' });
		expect(fields(problem).sort()).toEqual(['body', 'priority', 'recipients', 'sender', 'type']);
	});
});
