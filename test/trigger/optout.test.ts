import { forgetSeenEvents } from '../../nodes/Ip1SmsTrigger/dedupe';
import { keywordsOf, matchedKeyword } from '../../nodes/Ip1SmsTrigger/optOut';
import type { SandboxCredentials } from '../harness/engine';
import { useSandbox } from '../harness/sandbox';
import { callbackUrl, newHost, post, useWebhookServer } from './harness/fixtures';
import type { TriggerHost } from './harness/triggerHost';

/*
 * "Handle Opt-Out Keywords": inbound SMS injected at the sandbox reach the trigger over real HTTP
 * (the account's IncomingCallbackUrl); an opt-out puts the sender on the sandbox account's
 * blacklist (PUT /v2/blacklist/{msisdn}) and starts the workflow with event "optOut".
 */

const fixture = useSandbox();
const web = useWebhookServer();
const CUSTOMER = '46712345678';

beforeEach(() => forgetSeenEvents());
afterEach(() => {
	fixture.sandbox.control.clearFaults();
	fixture.sandbox.control.setVariants({ blacklistPutBody: 'optional' });
});

interface Active {
	host: TriggerHost;
	account: SandboxCredentials;
}

async function activeTrigger(parameters: Record<string, unknown>): Promise<Active> {
	const account = fixture.newAccount();
	const host = newHost(web.server, account, { events: ['inboundSms'], ...parameters } as never);
	await host.activate();
	return { host, account };
}

/** An SMS from `from` to the account's virtual number, delivered to the trigger; the items it started. */
async function smsFrom(active: Active, body: string, from = CUSTOMER): Promise<Array<Record<string, unknown>>> {
	const before = active.host.executions.length;
	await fixture.sandbox.control.injectInbound({ token: active.account.apiToken, from, body });
	await fixture.sandbox.control.settle();
	await active.host.idle();
	return active.host.executions.slice(before).flatMap((execution) => execution.triggerItems);
}

const blacklistOf = (account: SandboxCredentials) => fixture.sandbox.control.state(account.apiToken).blacklist.map((entry) => entry.msisdn);
const blacklistPuts = () => fixture.sandbox.control.countRequests({ method: 'PUT', path: /^\/v2\/blacklist\// });

describe('keywords', () => {
	test('the whole message, ignoring case, spaces and punctuation around it, not its first word', () => {
		const keywords = keywordsOf('');
		expect(keywords).toEqual(['STOP', 'STOPP', 'AVSLUTA', 'UNSUBSCRIBE']);
		for (const text of ['STOP', 'stopp', '  Stopp! ', 'avsluta.', '«Unsubscribe»', 'STOPP\n']) {
			expect([text, matchedKeyword(text, keywords) !== undefined]).toEqual([text, true]);
		}
		for (const text of ['Stop by at 3', 'Stopp, fel nummer?', 'STOPPA', 'please stop', '', 'ST OP']) {
			expect([text, matchedKeyword(text, keywords)]).toEqual([text, undefined]);
		}
		expect(keywordsOf('sluta, Stop all ;\nNEJ TACK')).toEqual(['SLUTA', 'STOP ALL', 'NEJ TACK']);
		expect(matchedKeyword('stop   ALL!', keywordsOf('STOP ALL'))).toBe('STOP ALL');
	});
});

describe('an active trigger with Handle Opt-Out Keywords on', () => {
	test('"Stopp!" blacklists the sender once and starts the workflow with event optOut', async () => {
		const active = await activeTrigger({ handleOptOut: true });
		const putsBefore = blacklistPuts();
		const items = await smsFrom(active, 'Stopp!');

		expect(items).toEqual([
			expect.objectContaining({
				event: 'optOut',
				optOutKeyword: 'STOPP',
				blacklisted: true,
				blacklistedNumber: CUSTOMER,
				sender: CUSTOMER,
				body: 'Stopp!',
			}),
		]);
		expect(items[0]).not.toHaveProperty('blacklistError');
		expect(blacklistOf(active.account)).toEqual([CUSTOMER]);
		expect(blacklistPuts() - putsBefore).toBe(1);

		// iP.1 now refuses to send to the number: the opt-out is effective.
		const send = await fetch(`${fixture.sandbox.url}/v2/batches`, {
			method: 'POST',
			headers: { authorization: `Bearer ${active.account.apiToken}`, 'content-type': 'application/json' },
			body: JSON.stringify({ sender: 'iP1', recipients: [CUSTOMER], body: 'Offer!' }),
		});
		await send.arrayBuffer();
		await fixture.sandbox.control.advance(60_000);
		await fixture.sandbox.control.settle();
		const sent = fixture.sandbox.control.state(active.account.apiToken).messages.filter((message) => message.direction === 'mt');
		expect(sent.map((message) => message.statuses.at(-1)?.code)).toEqual([405]);
		await active.host.deactivate();
	});

	test('any other text starts the workflow as before (event inboundSms) and blacklists nobody', async () => {
		const active = await activeTrigger({ handleOptOut: true });
		const putsBefore = blacklistPuts();
		const items = await smsFrom(active, 'Stop by at 3, please');
		expect(items).toEqual([expect.objectContaining({ event: 'inboundSms', body: 'Stop by at 3, please' })]);
		expect(items[0]).not.toHaveProperty('blacklisted');
		expect(blacklistOf(active.account)).toEqual([]);
		expect(blacklistPuts()).toBe(putsBefore);
		await active.host.deactivate();
	});

	test('the same opt-out delivered again is de-duplicated: one execution, one blacklist request', async () => {
		const active = await activeTrigger({ handleOptOut: true });
		const message = await fixture.sandbox.control.injectInbound({ token: active.account.apiToken, from: CUSTOMER, body: 'STOP' });
		await fixture.sandbox.control.settle();
		await active.host.idle();
		const putsAfterFirst = blacklistPuts();
		const url = callbackUrl(fixture.sandbox, active.account) as string;
		const repeat = await post(url, message);
		await active.host.idle();
		expect(repeat).toEqual({ status: 200, body: { received: true, started: false, reason: 'Already received' } });
		expect(active.host.executions).toHaveLength(1);
		expect(blacklistPuts()).toBe(putsAfterFirst);
		await active.host.deactivate();
	});

	test('edited keywords replace the defaults', async () => {
		const active = await activeTrigger({ handleOptOut: true, optOutKeywords: 'SLUTA, nej tack' });
		expect(await smsFrom(active, 'Nej tack.', '46700000011')).toEqual([
			expect.objectContaining({ event: 'optOut', optOutKeyword: 'NEJ TACK', blacklisted: true }),
		]);
		expect(await smsFrom(active, 'STOP', '46700000012')).toEqual([expect.objectContaining({ event: 'inboundSms' })]);
		expect(blacklistOf(active.account)).toEqual(['46700000011']);
		await active.host.deactivate();
	});

	test('"Only Opt-Outs": other SMS start nothing; "All but Opt-Outs": opt-outs start nothing but are blacklisted', async () => {
		const only = await activeTrigger({ handleOptOut: true, optOutFilter: 'optOutsOnly' });
		expect(await smsFrom(only, 'Hello')).toEqual([]);
		expect(await smsFrom(only, 'STOP')).toEqual([expect.objectContaining({ event: 'optOut', blacklisted: true })]);
		await only.host.deactivate();

		const without = await activeTrigger({ handleOptOut: true, optOutFilter: 'withoutOptOuts' });
		expect(await smsFrom(without, 'AVSLUTA')).toEqual([]);
		expect(blacklistOf(without.account)).toEqual([CUSTOMER]);
		expect(await smsFrom(without, 'Hello')).toEqual([expect.objectContaining({ event: 'inboundSms', body: 'Hello' })]);
		const answers = fixture.sandbox.control.webhookDeliveries.filter((delivery) => delivery.url.startsWith(without.host.productionUrl));
		expect(answers.map((delivery) => delivery.status)).toEqual([200, 200]);
		await without.host.deactivate();
	});

	test('a blacklist failure does not lose the event: it starts the workflow with the error stated', async () => {
		const active = await activeTrigger({ handleOptOut: true });
		fixture.sandbox.control.addFault({ kind: 'status', status: 403, method: 'PUT', path: '/v2/blacklist/' });
		const items = await smsFrom(active, 'unsubscribe');
		expect(items).toEqual([
			expect.objectContaining({ event: 'optOut', optOutKeyword: 'UNSUBSCRIBE', blacklisted: false, blacklistedNumber: CUSTOMER }),
		]);
		expect(String(items[0].blacklistError)).toMatch(/403|forbidden|denied|permission/i);
		expect(JSON.stringify(items)).not.toContain(active.account.apiToken);
		expect(blacklistOf(active.account)).toEqual([]);
		expect(active.host.logged.some((line) => line.includes('could not blacklist an opt-out sender'))).toBe(true);
		await active.host.deactivate();
	});

	test('under the reading where PUT /v2/blacklist/{msisdn} needs the number in its body too', async () => {
		fixture.sandbox.control.setVariants({ blacklistPutBody: 'required' });
		const active = await activeTrigger({ handleOptOut: true });
		expect(await smsFrom(active, 'STOP')).toEqual([expect.objectContaining({ event: 'optOut', blacklisted: true })]);
		expect(blacklistOf(active.account)).toEqual([CUSTOMER]);
		await active.host.deactivate();
	});
});

test('Handle Opt-Out Keywords off (the default): STOP is an ordinary inbound SMS and nothing is blacklisted', async () => {
	const active = await activeTrigger({});
	const putsBefore = blacklistPuts();
	expect(await smsFrom(active, 'STOP')).toEqual([expect.objectContaining({ event: 'inboundSms', body: 'STOP' })]);
	expect(blacklistPuts()).toBe(putsBefore);
	expect(blacklistOf(active.account)).toEqual([]);
	await active.host.deactivate();
});
