import { fingerprintOf, forEachEntrySince, forgetSeenEvents, isPersistedSeen } from '../../nodes/Ip1SmsTrigger/dedupe';
import { useSandbox } from '../harness/sandbox';
import { callbackUrl, newHost, post, registeredSecret, STRONG_SECRET, useWebhookServer, withSecretParam } from './harness/fixtures';
import type { TriggerHost } from './harness/triggerHost';

const fixture = useSandbox();
const web = useWebhookServer();

/** The documented inbound example (API fact sheet, section 7). */
const inbound = (id = '5c613848879973045cf39ac4') => ({
	id,
	batchId: '5c613848879973045cf39ac3',
	owner: 'ip1-12345',
	sender: '46712345678',
	recipient: '46701234567',
	body: 'Hi, this is Earl',
	direction: 'mo',
	segments: 1,
	type: 'SMS',
	datacoding: 'GSM',
	priority: 1,
	statuses: [{ created: '2018-10-23T17:43:21Z', code: 201, duration: 1 }],
	modified: '2018-10-23T17:43:19Z',
	mcc: '431',
	mnc: '20',
});

/** The documented delivery report (newer page: `id`; older page: `messageId`). */
const report = (code: number, id = '5c613848879973045cf39ac4', idKey: 'id' | 'messageId' = 'id') => ({
	[idKey]: id,
	batchId: '5c613848879973045cf39ac3',
	recipient: '46700000001',
	code,
	duration: code >= 200 ? 1 : 0,
	created: '2018-10-23T17:43:21Z',
	segments: 2,
	price: 0.082,
	currency: 'eur',
	reference: 'order-42',
});

const STARTED = { status: 200, body: { received: true, started: true } };

async function activeHost(parameters: Record<string, unknown>): Promise<TriggerHost> {
	const host = newHost(web.server, fixture.newAccount(), parameters as never);
	await host.activate();
	return host;
}

/** The URL iP.1 posts inbound SMS to: what the trigger registered in the account's setting. */
const inboundUrl = (host: TriggerHost) => callbackUrl(fixture.sandbox, host.credential) as string;
const reportUrl = (host: TriggerHost) => withSecretParam(host.productionUrl, STRONG_SECRET);

const BOTH = { events: ['inboundSms', 'deliveryReport'], deliveryReportSecret: STRONG_SECRET };

beforeEach(() => forgetSeenEvents());

describe('authenticity', () => {
	let host: TriggerHost;
	beforeAll(async () => (host = await activeHost(BOTH)));
	afterAll(async () => await host.deactivate());

	test.each([
		['no secret', (h: TriggerHost) => h.productionUrl],
		['a wrong secret', (h: TriggerHost) => withSecretParam(h.productionUrl, 'wrong')],
		['a secret one character off', (h: TriggerHost) => withSecretParam(h.productionUrl, `${STRONG_SECRET.slice(0, -1)}x`)],
		['the secret twice', (h: TriggerHost) => `${reportUrl(h)}&secret=${STRONG_SECRET}`],
		['the secret as a header instead', (h: TriggerHost) => `${h.productionUrl}?x-secret=${STRONG_SECRET}`],
	])('a request with %s is refused with 401 and starts nothing', async (_, urlOf) => {
		const before = host.executions.length;
		const answer = await post(urlOf(host), report(201));
		await host.idle();
		expect(answer).toEqual({ status: 401, body: { error: 'Unauthorized' } });
		expect(host.executions).toHaveLength(before);
		expect(host.warnings.at(-1)).toBe('iP.1 SMS Trigger: refused a request without the right secret (401); no workflow started');
	});

	test('authentication comes first: a malformed body without the secret gets 401, not 400', async () => {
		expect((await post(host.productionUrl, 'not json', 'text/plain')).status).toBe(401);
	});

	test('each secret admits only its own kind of event', async () => {
		const before = host.executions.length;
		const reportWithInboundSecret = await post(inboundUrl(host), report(201));
		expect(reportWithInboundSecret.status).toBe(400);
		expect(reportWithInboundSecret.body).toEqual({
			error: 'The body is a delivery report but it came with the secret for inbound SMS.',
		});
		const inboundWithReportSecret = await post(reportUrl(host), inbound());
		expect(inboundWithReportSecret.status).toBe(400);
		await host.idle();
		expect(host.executions).toHaveLength(before);
	});

	test('a secret of an event that is not selected is refused', async () => {
		const inboundOnly = await activeHost({ events: ['inboundSms'], deliveryReportSecret: STRONG_SECRET });
		expect((await post(withSecretParam(inboundOnly.productionUrl, STRONG_SECRET), report(201))).status).toBe(401);
		expect((await post(inboundUrl(inboundOnly), inbound())).status).toBe(200);
		await inboundOnly.idle();
		expect(inboundOnly.executions).toHaveLength(1);
		await inboundOnly.deactivate();
	});

	test('with the right secret both kinds start the workflow, answered 200', async () => {
		const before = host.executions.length;
		expect(await post(inboundUrl(host), inbound('a1'))).toEqual(STARTED);
		expect(await post(reportUrl(host), report(201, 'a2'))).toEqual(STARTED);
		await host.idle();
		expect(host.executions.slice(before).map((run) => run.triggerItems[0].event).sort()).toEqual(['deliveryReport', 'inboundSms']);
	});
});

describe('test URL and production URL', () => {
	test('the test URL takes the test session\'s inbound secret and the Delivery Report Secret; the run is a test run', async () => {
		const host = newHost(web.server, fixture.newAccount(), BOTH as never);
		await host.listenForTestEvent();
		const testSecret = registeredSecret(fixture.sandbox, host.credential) as string;
		// The production URL is not registered while the workflow is inactive (n8n answers 404).
		expect((await post(withSecretParam(host.productionUrl, STRONG_SECRET), report(201))).status).toBe(404);
		// A wrong secret does not end the test session.
		expect((await post(withSecretParam(host.testUrl, 'wrong'), inbound())).status).toBe(401);
		expect(host.isListening).toBe(true);
		expect(await post(withSecretParam(host.testUrl, testSecret), inbound('t1'))).toEqual(STARTED);
		await host.idle();
		expect(host.executions).toMatchObject([{ mode: 'test', collected: [{ event: 'inboundSms', id: 't1' }] }]);
		expect(host.isListening).toBe(false); // n8n removes the test webhook after the first test run

		await host.listenForTestEvent();
		expect(await post(withSecretParam(host.testUrl, STRONG_SECRET), report(201, 't2'))).toEqual(STARTED);
		await host.idle();
		expect(host.executions.map((run) => run.mode)).toEqual(['test', 'test']);
	});

	test('a test session\'s secret does not open the production URL, and production keeps its own', async () => {
		const host = newHost(web.server, fixture.newAccount(), { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' });
		await host.activate();
		const productionInboundUrl = inboundUrl(host);
		await host.listenForTestEvent();
		const testSecret = registeredSecret(fixture.sandbox, host.credential) as string;
		expect((await post(withSecretParam(host.productionUrl, testSecret), inbound('p1'))).status).toBe(401);
		expect(await post(productionInboundUrl, inbound('p2'))).toEqual(STARTED);
		await host.stopListening();
		await host.idle();
		expect(host.executions).toMatchObject([{ mode: 'production', collected: [{ id: 'p2' }] }]);
		await host.deactivate();
	});
});

describe('malformed payloads', () => {
	let host: TriggerHost;
	beforeAll(async () => (host = await activeHost(BOTH)));
	afterAll(async () => await host.deactivate());

	test.each([
		['plain text', 'hello', 'text/plain', 'The body is not valid JSON.'],
		['a body that is cut off, sent without a JSON content type', '{"id":"5c61', 'application/octet-stream', 'The body is not valid JSON.'],
		['a JSON array', '[{"id":"1","code":201}]', 'application/json', 'The body is a JSON array; iP.1 posts one JSON object per request.'],
		['a JSON string', '"hello"', 'application/json', 'The body is JSON but a string, not an object.'],
		['JSON null', 'null', 'application/json', 'The body is JSON but null, not an object.'],
		['an empty body', '', 'application/json', 'The body is empty.'],
		['an empty object', '{}', 'application/json', 'The body is neither an inbound SMS (direction "mo", body, statuses) nor a delivery report (code and id or messageId).'],
		['a report without id', JSON.stringify({ batchId: 'b', code: 201 }), 'application/json', 'The delivery report has no message id ("id" or "messageId").'],
		['a report with a code that is not a number', JSON.stringify({ id: 'x', batchId: 'b', code: 'delivered' }), 'application/json', 'The delivery report\'s status code is not a whole number ("delivered").'],
	])('%s is answered 400 with the reason, logged, and starts nothing', async (_, body, contentType, problem) => {
		const before = host.executions.length;
		const answer = await post(reportUrl(host), body, contentType);
		await host.idle();
		expect(answer).toEqual({ status: 400, body: { error: problem } });
		expect(host.executions).toHaveLength(before);
		expect(host.warnings.at(-1)).toBe(`iP.1 SMS Trigger: refused a malformed request (400); no workflow started. ${problem}`);
	});

	test('an inbound SMS without id is refused too', async () => {
		const withoutId: Record<string, unknown> = inbound();
		delete withoutId.id;
		const answer = await post(inboundUrl(host), withoutId);
		expect(answer).toEqual({ status: 400, body: { error: 'The inbound SMS has no message id ("id").' } });
	});

	test('invalid JSON sent as application/json never reaches the node: n8n answers 422 itself', async () => {
		const before = host.logged.length;
		expect((await post(reportUrl(host), '{"id":', 'application/json')).status).toBe(422);
		expect(host.logged).toHaveLength(before);
	});

	test('the trigger keeps working after malformed requests', async () => {
		const before = host.executions.length;
		expect(await post(reportUrl(host), report(201, 'after-malformed'))).toEqual(STARTED);
		await host.idle();
		expect(host.executions).toHaveLength(before + 1);
	});

	test('a JSON body sent as text/plain or without a content type is still read', async () => {
		const before = host.executions.length;
		expect(await post(reportUrl(host), JSON.stringify(report(201, 'text-1')), 'text/plain')).toEqual(STARTED);
		expect(await post(reportUrl(host), JSON.stringify(report(201, 'text-2')), 'application/octet-stream')).toEqual(STARTED);
		await host.idle();
		expect(host.executions.slice(before).map((run) => run.collected[0].id).sort()).toEqual(['text-1', 'text-2']);
	});
});

describe('version 2 (n8n leaves bodies it does not parse unread) and version 1 read every content type alike', () => {
	test.each([1, 2] as const)('version %i: JSON as application/json, text/plain, octet-stream, an empty content type: each started once', async (typeVersion) => {
		const host = newHost(web.server, fixture.newAccount(), { events: ['deliveryReport'], deliveryReportSecret: STRONG_SECRET } as never, { typeVersion });
		await host.activate();
		const url = reportUrl(host);
		const bodies: Array<[string, string]> = [
			['application/json', JSON.stringify(report(201, `v${typeVersion}-json`))],
			['text/plain', JSON.stringify(report(201, `v${typeVersion}-text`))],
			['application/octet-stream', JSON.stringify(report(201, `v${typeVersion}-octet`))],
			['', JSON.stringify(report(201, `v${typeVersion}-none`))],
		];
		for (const [contentType, body] of bodies) expect(await post(url, body, contentType)).toEqual(STARTED);
		await host.idle();
		expect(host.executions.map((run) => run.collected[0].id).sort()).toEqual([`v${typeVersion}-json`, `v${typeVersion}-none`, `v${typeVersion}-octet`, `v${typeVersion}-text`]);
		await host.deactivate();
	});
});

describe('output', () => {
	let host: TriggerHost;
	beforeAll(async () => (host = await activeHost(BOTH)));
	afterAll(async () => await host.deactivate());

	test('a delivery report is normalised like the action node, and reaches the next node', async () => {
		await post(reportUrl(host), report(201, 'out-1'));
		await host.idle();
		const [run] = host.executions.slice(-1);
		expect(run.collected).toEqual(run.triggerItems);
		expect(run.collected[0]).toEqual({
			event: 'deliveryReport',
			id: 'out-1',
			messageId: 'out-1',
			batchId: '5c613848879973045cf39ac3',
			recipient: '46700000001',
			code: 201,
			duration: 1,
			created: '2018-10-23T17:43:21Z',
			segments: 2,
			price: 0.082,
			currency: 'eur',
			reference: 'order-42',
			status: {
				code: 201,
				name: 'DeliveredToHandset',
				group: 'success',
				delivered: true,
				final: true,
				description: "Delivered to the recipient's phone",
			},
			delivered: true,
			final: true,
			failed: false,
		});
	});

	test('the older `messageId` key and a code sent as text give the same output', async () => {
		await post(reportUrl(host), { ...report(202, 'out-2', 'messageId'), code: '202' });
		await host.idle();
		expect(host.executions.at(-1)?.collected[0]).toMatchObject({
			event: 'deliveryReport',
			id: 'out-2',
			messageId: 'out-2',
			code: 202,
			status: { name: 'Expired', group: 'success', delivered: false, final: true },
			delivered: false,
			final: true,
			failed: true,
		});
	});

	test('an inbound SMS is normalised: enums lower case (also from integers), latest status decoded', async () => {
		await post(inboundUrl(host), { ...inbound('out-3'), direction: 1, type: 1, datacoding: 0 });
		await host.idle();
		expect(host.executions.at(-1)?.collected[0]).toMatchObject({
			event: 'inboundSms',
			id: 'out-3',
			messageId: 'out-3',
			sender: '46712345678',
			recipient: '46701234567',
			body: 'Hi, this is Earl',
			direction: 'mo',
			type: 'sms',
			datacoding: 'gsm',
			status: { code: 201, name: 'DeliveredToHandset', group: 'success', delivered: true, final: true },
		});
	});

	test('PascalCase keys are read too', async () => {
		await post(inboundUrl(host), { Id: 'out-4', Direction: 'MO', Body: 'Hello', Sender: '46712345678' });
		await host.idle();
		expect(host.executions.at(-1)?.collected[0]).toMatchObject({ event: 'inboundSms', id: 'out-4', direction: 'mo', body: 'Hello' });
	});
});

describe('delivery report filters', () => {
	const codes = [102, 110, 201, 202, 203, 405, 501];
	test.each([
		['all', codes],
		['final', [201, 202, 203, 405, 501]],
		['delivered', [201]],
		['failed', [202, 203, 405, 501]],
	])('"%s" starts the workflow for %j and still answers the rest with 200', async (filter, expected) => {
		const host = await activeHost({ events: ['deliveryReport'], deliveryReportSecret: STRONG_SECRET, deliveryReportFilter: filter });
		for (const code of codes) {
			const answer = await post(reportUrl(host), report(code, `f-${filter}`));
			expect(answer.status).toBe(200);
			if (!(expected as number[]).includes(code)) {
				expect(answer.body).toEqual({ received: true, started: false, reason: `Filtered out (Delivery Reports: ${filter})` });
			}
		}
		await host.idle();
		// Executions end in any order (the last of a burst may wait to save de-duplication): which codes ran counts.
		expect(host.executions.map((run) => run.collected[0].code as number).sort((a, b) => a - b)).toEqual(expected);
		await host.deactivate();
	});
});

/** The events static data remembers (fingerprints of their de-duplication keys). */
function persistedFingerprints(seen: unknown): string[] {
	if (!isPersistedSeen(seen)) return [];
	const fingerprints: string[] = [];
	forEachEntrySince(seen, 0, ({ fingerprint }) => fingerprints.push(fingerprint));
	return fingerprints;
}

describe('de-duplication', () => {
	test('a burst with duplicates starts exactly one run per unique event; every request is answered 200', async () => {
		const host = await activeHost(BOTH);
		const unique = [
			{ url: reportUrl(host), body: report(110, 'm1') },
			{ url: reportUrl(host), body: report(201, 'm1') }, // same message, new status: a new event
			{ url: reportUrl(host), body: report(201, 'm2', 'messageId') },
			{ url: inboundUrl(host), body: inbound('mo-1') },
			{ url: inboundUrl(host), body: inbound('mo-2') },
		];
		const burst = [...unique, ...unique, ...unique, ...unique];
		burst.push({ url: reportUrl(host), body: report(201, 'm2', 'id') }); // same report, other id key
		const answers = await Promise.all(burst.map(({ url, body }) => post(url, body)));
		await host.idle();
		expect(answers.every((answer) => answer.status === 200)).toBe(true);
		expect(answers.filter((answer) => JSON.stringify(answer.body) === JSON.stringify(STARTED.body))).toHaveLength(5);
		expect(answers.filter((answer) => (answer.body as { reason?: string }).reason === 'Already received')).toHaveLength(16);
		const started = host.executions.map((run) => `${run.collected[0].event}:${run.collected[0].id}:${run.collected[0].code ?? ''}`);
		expect(started.sort()).toEqual(['deliveryReport:m1:110', 'deliveryReport:m1:201', 'deliveryReport:m2:201', 'inboundSms:mo-1:', 'inboundSms:mo-2:']);
		await host.deactivate();
	});

	test('what was seen survives an n8n restart through static data (bounded)', async () => {
		const host = await activeHost(BOTH);
		expect(await post(reportUrl(host), report(201, 'r1'))).toEqual(STARTED);
		await host.idle();
		expect(persistedFingerprints(host.nodeStaticData.seen)).toEqual([fingerprintOf('deliveryReport:r1:201')]);

		forgetSeenEvents(); // the n8n process restarts: memory is gone, the database is not
		await host.activate('init');
		const again = await post(reportUrl(host), report(201, 'r1'));
		expect(again).toEqual({ status: 200, body: { received: true, started: false, reason: 'Already received' } });
		await host.idle();
		expect(host.executions).toHaveLength(1);
		await host.deactivate();
	});

	test('after a concurrent burst static data holds every event, so none runs again after a restart', async () => {
		const host = await activeHost(BOTH);
		const ids = Array.from({ length: 30 }, (_, index) => `burst-${index}`);
		// Every call loads static data before any of them saved: with last-writer-wins copies, most
		// events would be missing after the burst.
		const answers = await Promise.all(ids.map((id) => post(reportUrl(host), report(201, id))));
		await host.idle();
		expect(answers.every((answer) => JSON.stringify(answer) === JSON.stringify(STARTED))).toBe(true);
		expect(new Set(persistedFingerprints(host.nodeStaticData.seen))).toEqual(new Set(ids.map((id) => fingerprintOf(`deliveryReport:${id}:201`))));

		forgetSeenEvents(); // restart
		await host.activate('init');
		const retries = await Promise.all(ids.map((id) => post(reportUrl(host), report(201, id))));
		await host.idle();
		expect(retries.every((answer) => (answer.body as { reason?: string }).reason === 'Already received')).toBe(true);
		expect(host.executions).toHaveLength(ids.length);
		await host.deactivate();
	});

	test.each([
		['n8n 1.x (saves a started call\'s static data)', true],
		['n8n 2.41.1 (does not: the execution saves it)', false],
	])('what was seen survives a restart with %s', async (_, savesStartedCallStaticData) => {
		const host = newHost(web.server, fixture.newAccount(), BOTH as never, { savesStartedCallStaticData });
		await host.activate();
		const ids = ['s1', 's2', 's3'];
		for (const id of ids) expect(await post(reportUrl(host), report(201, id))).toEqual(STARTED);
		expect(await post(inboundUrl(host), inbound('mo-s'))).toEqual(STARTED);
		await host.idle();
		const expected = [...ids.map((id) => `deliveryReport:${id}:201`), 'inboundSms:mo-s'].map(fingerprintOf);
		expect(new Set(persistedFingerprints(host.nodeStaticData.seen))).toEqual(new Set(expected));
		expect(host.nodeStaticData.registrations).toBeDefined();

		forgetSeenEvents(); // restart
		await host.activate('init');
		expect((await post(reportUrl(host), report(201, 's2'))).body).toEqual({ received: true, started: false, reason: 'Already received' });
		expect((await post(inboundUrl(host), inbound('mo-s'))).body).toEqual({ received: true, started: false, reason: 'Already received' });
		await host.idle();
		expect(host.executions).toHaveLength(4);
		await host.deactivate();
	});

	test('test runs and production runs never suppress each other', async () => {
		const host = await activeHost({ events: ['deliveryReport'], deliveryReportSecret: STRONG_SECRET });
		await host.listenForTestEvent();
		expect(await post(withSecretParam(host.testUrl, STRONG_SECRET), report(201, 'both'))).toEqual(STARTED);
		expect(await post(reportUrl(host), report(201, 'both'))).toEqual(STARTED);
		await host.idle();
		expect(host.executions.map((run) => run.mode).sort()).toEqual(['production', 'test']);
		await host.deactivate();
	});

	test('a filtered-out report is not remembered: nothing is lost if the filter changes', async () => {
		const host = await activeHost({ events: ['deliveryReport'], deliveryReportSecret: STRONG_SECRET, deliveryReportFilter: 'delivered' });
		await post(reportUrl(host), report(110, 'fx'));
		expect(host.nodeStaticData.seen).toBeUndefined();
		await host.deactivate();
	});
});
