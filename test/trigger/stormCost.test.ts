import type { IDataObject, INode, IWebhookFunctions } from 'n8n-workflow';

import { fingerprintOf, forEachEntrySince, forgetSeenEvents, isPersistedSeen, SAVE_INTERVAL_MS } from '../../nodes/Ip1SmsTrigger/dedupe';
import { DERIVED_SECRET_MEMORY_MS, derivedSecretsOf, forgetDerivedSecrets } from '../../nodes/Ip1SmsTrigger/secrets';
import { deriveDeliveryReportSecret } from '../../nodes/shared/triggerUrls';
import { useSandbox } from '../harness/sandbox';
import { newHost, post, useWebhookServer, withSecretParam } from './harness/fixtures';
import type { TriggerHost } from './harness/triggerHost';

/*
 * What a campaign's storm of delivery reports costs n8n, per report: no credential read (the
 * derived secrets are remembered for a minute, one read shared by a burst), and no write of the
 * whole static data (the de-duplication record is saved about once a second and by the burst's last
 * execution) — with the guarantees unchanged: every event in static data once the burst is over, so
 * none runs again after a restart, and a new API key works at once.
 */

const fixture = useSandbox();
const web = useWebhookServer();

beforeEach(() => {
	forgetSeenEvents();
	forgetDerivedSecrets();
});

const report = (id: string) => ({ id, batchId: 'b-storm', recipient: '46700000001', code: 201, duration: 1, created: '2018-10-23T17:43:21Z' });
const STARTED = { status: 200, body: { received: true, started: true } };
const ALREADY = { status: 200, body: { received: true, started: false, reason: 'Already received' } };

/** The URL the Send node puts on the wire for this trigger: the plain URL + the secret derived from the token. */
const signedUrl = (host: TriggerHost, token: string) => withSecretParam(host.productionUrl, deriveDeliveryReportSecret(token, host.webhookId));

function persistedFingerprints(seen: unknown): Set<string> {
	const fingerprints = new Set<string>();
	if (isPersistedSeen(seen)) forEachEntrySince(seen, 0, ({ fingerprint }) => fingerprints.add(fingerprint));
	return fingerprints;
}

describe.each([
	['n8n 1.x (saves a started call\'s static data)', true],
	['n8n 2.41.1 (the execution saves it)', false],
])('a storm of delivery reports, %s', (_, savesStartedCallStaticData) => {
	test('40 concurrent reports: one credential read, a few static-data writes, and afterwards every event is saved', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['inboundSms', 'deliveryReport'] }, { savesStartedCallStaticData });
		await host.activate();
		const readsBefore = host.credentialReads;
		const savesBefore = host.staticDataSaves;
		const ids = Array.from({ length: 40 }, (_, index) => `storm-${index}`);

		const startedAt = Date.now();
		const answers = await Promise.all(ids.map((id) => post(signedUrl(host, account.apiToken), report(id))));
		await host.idle();
		const elapsedMs = Date.now() - startedAt;

		expect(answers).toEqual(ids.map(() => STARTED));
		expect(host.executions).toHaveLength(40);
		expect(host.credentialReads - readsBefore).toBe(1);
		const saves = host.staticDataSaves - savesBefore;
		// Per saving side (webhook calls on 1.x, executions on both): about one per second of the burst, plus
		// one whenever no execution is still to come (the last of the burst, and lulls within it): a few, not
		// 40. A fixed bound, half the reports per side, that a save per report breaks however slow the machine.
		const sides = savesStartedCallStaticData ? 2 : 1;
		expect(saves).toBeGreaterThanOrEqual(1);
		expect(saves).toBeLessThanOrEqual(sides * 20);
		// On a machine fast enough to be measured, the pace shows: about one per second of the burst.
		if (elapsedMs < 5_000) expect(saves).toBeLessThanOrEqual(sides * (Math.ceil(elapsedMs / SAVE_INTERVAL_MS) + 5));
		expect(persistedFingerprints(host.nodeStaticData.seen)).toEqual(new Set(ids.map((id) => fingerprintOf(`deliveryReport:${id}:201`))));

		forgetSeenEvents(); // n8n restarts: memory is gone, the database is not
		await host.activate('init');
		const retries = await Promise.all(ids.slice(0, 10).map((id) => post(signedUrl(host, account.apiToken), report(id))));
		await host.idle();
		expect(retries).toEqual(ids.slice(0, 10).map(() => ALREADY));
		expect(host.executions).toHaveLength(40);
		await host.deactivate();
	});

	test('one report at a time: each is saved by its own execution, without waiting for a later event', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['deliveryReport'] }, { savesStartedCallStaticData });
		await host.activate();
		const expected = new Set<string>();
		for (const id of ['one-0', 'one-1', 'one-2']) {
			expect(await post(signedUrl(host, account.apiToken), report(id))).toEqual(STARTED);
			await host.idle();
			expected.add(fingerprintOf(`deliveryReport:${id}:201`));
			expect(persistedFingerprints(host.nodeStaticData.seen)).toEqual(expected);
		}
		await host.deactivate();
	});
});

describe('a new API key', () => {
	test("reports signed with it are accepted at once; once one came, the previous key's secret is refused", async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['deliveryReport'] });
		await host.activate();
		expect(await post(signedUrl(host, account.apiToken), report('k-0'))).toEqual(STARTED);

		const newToken = `${account.apiToken}-new`;
		host.setCredentials({ ...account, apiToken: newToken });
		// Remembered secrets are a first try only: the new key's secret matches none, so the credential is read again.
		expect(await post(signedUrl(host, newToken), report('k-1'))).toEqual(STARTED);
		expect(host.credentialReads).toBe(1);
		expect((await post(signedUrl(host, account.apiToken), report('k-2'))).status).toBe(401);
		await host.idle();
		expect(host.executions.map((run) => run.collected[0].id).sort()).toEqual(['k-0', 'k-1']);
		host.setCredentials(account);
		await host.deactivate();
	});
});

describe('derived secrets remembered per trigger', () => {
	function webhookContext(token: () => string, reads: { count: number }, node: Partial<INode> = {}): IWebhookFunctions {
		const theNode = { id: 'node-1', name: 'iP.1 SMS Trigger', webhookId: 'hook-1', credentials: { ip1SmsApi: { id: 'cred-1', name: 'iP.1' } }, ...node };
		return {
			getNode: () => theNode,
			getWorkflow: () => ({ id: 'wf-1' }),
			getMode: () => 'webhook',
			getCredentials: async () => {
				reads.count++;
				return { apiToken: token() } as IDataObject;
			},
			logger: { warn: () => undefined },
		} as unknown as IWebhookFunctions;
	}
	const events = new Set(['deliveryReport'] as const);

	test(`for ${DERIVED_SECRET_MEMORY_MS / 1000} s at most; then the credential is read again`, async () => {
		let token = 'token-a';
		const reads = { count: 0 };
		const context = webhookContext(() => token, reads);
		const t0 = Date.UTC(2026, 11, 2);
		const first = await derivedSecretsOf(context, events, true, t0);
		expect(first).toEqual({ secrets: { deliveryReport: deriveDeliveryReportSecret('token-a', 'hook-1') }, remembered: false });
		token = 'token-b';
		expect(await derivedSecretsOf(context, events, true, t0 + DERIVED_SECRET_MEMORY_MS - 1)).toEqual({ ...first, remembered: true });
		expect(reads.count).toBe(1);
		const later = await derivedSecretsOf(context, events, true, t0 + DERIVED_SECRET_MEMORY_MS);
		expect(later).toEqual({ secrets: { deliveryReport: deriveDeliveryReportSecret('token-b', 'hook-1') }, remembered: false });
		expect(reads.count).toBe(2);
	});

	test('apart per credential, and a credential without a token is read again on every request', async () => {
		const reads = { count: 0 };
		await derivedSecretsOf(webhookContext(() => 'token-a', reads), events, true, 0);
		await derivedSecretsOf(webhookContext(() => 'token-a', reads, { credentials: { ip1SmsApi: { id: 'cred-2', name: 'other' } } }), events, true, 1);
		expect(reads.count).toBe(2);
		const empty = webhookContext(() => ' ', reads);
		forgetDerivedSecrets();
		expect(await derivedSecretsOf(empty, events, true, 2)).toEqual({ secrets: {}, remembered: false });
		expect(await derivedSecretsOf(empty, events, true, 3)).toEqual({ secrets: {}, remembered: false });
		expect(reads.count).toBe(4);
	});
});
