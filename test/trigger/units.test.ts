import type { IDataObject, INode } from 'n8n-workflow';

import { callbackOwner, isLocalOnly, withoutQuery } from '../../nodes/Ip1SmsTrigger/lifecycle';
import { passesFilter, selectedEvents, toFilter } from '../../nodes/Ip1SmsTrigger/parameters';
import { classifyPayload, readPayload } from '../../nodes/Ip1SmsTrigger/webhook';
import {
	deriveInboundSecret,
	matchesFingerprint,
	presentedSecret,
	secretFingerprint,
	secretOfUrl,
	secretsMatch,
	withSecret,
} from '../../nodes/Ip1SmsTrigger/secrets';
import { settingFrom } from '../../nodes/shared/dialect/settings';

const settingValue = (body: unknown) => {
	const { value } = settingFrom(body, 'IncomingCallbackUrl');
	return typeof value === 'string' && value.trim() !== '' ? value : null;
};
import { redactUrl, scrubUrls } from '../../nodes/shared/redaction';

describe('secret', () => {
	const scope = { test: false, workflowId: 'wf1', nodeId: 'node-1', webhookId: 'hook-1' };

	test('the inbound secret is 256 bits, URL-safe, the same every time, and bound to token, mode, workflow, node and webhook', () => {
		const secret = deriveInboundSecret('token-a', scope);
		expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(deriveInboundSecret('token-a', { ...scope })).toBe(secret);
		const variants = [
			deriveInboundSecret('token-b', scope),
			deriveInboundSecret('token-a', { ...scope, test: true }),
			deriveInboundSecret('token-a', { ...scope, workflowId: 'wf2' }),
			deriveInboundSecret('token-a', { ...scope, nodeId: 'node-2' }),
			deriveInboundSecret('token-a', { ...scope, webhookId: 'hook-2' }),
			// Fields cannot be shifted into each other.
			deriveInboundSecret('token-a', { ...scope, workflowId: 'wf1node-1', nodeId: '' }),
		];
		expect(new Set([secret, ...variants]).size).toBe(variants.length + 1);
	});

	test('a fingerprint recognises its secret and nothing else, and does not contain it', () => {
		const secret = deriveInboundSecret('token-a', scope);
		const fingerprint = secretFingerprint(secret);
		expect(fingerprint).not.toContain(secret);
		expect(matchesFingerprint(secret, fingerprint)).toBe(true);
		expect(matchesFingerprint(`${secret}x`, fingerprint)).toBe(false);
		expect(matchesFingerprint(secret, 'not-a-fingerprint')).toBe(false);
	});

	test('the secret is read back only from exactly the URL withSecret builds', () => {
		const url = 'https://n8n.example.com/webhook/abc/ip1sms';
		expect(secretOfUrl(withSecret(url, 's/1'), url)).toBe('s/1');
		expect(secretOfUrl(`${withSecret(url, 's')}&x=1`, url)).toBeUndefined();
		expect(secretOfUrl(`${url}?secret=`, url)).toBeUndefined();
		expect(secretOfUrl('https://n8n.example.com/webhook-test/abc/ip1sms?secret=s', url)).toBeUndefined();
	});

	test('comparison is exact and an empty expected secret matches nothing', () => {
		expect(secretsMatch('abc', 'abc')).toBe(true);
		expect(secretsMatch('abc', 'abd')).toBe(false);
		expect(secretsMatch('abc', 'abcd')).toBe(false);
		expect(secretsMatch('', '')).toBe(false);
	});

	test('only a single string `secret` query parameter counts', () => {
		expect(presentedSecret({ secret: 'x' })).toBe('x');
		expect(presentedSecret({ secret: ['x', 'x'] })).toBeUndefined();
		expect(presentedSecret({ Secret: 'x' })).toBeUndefined();
		expect(presentedSecret(undefined)).toBeUndefined();
	});

	test('URLs get the secret appended, and lose secret-looking values when shown', () => {
		expect(withSecret('https://n8n.example.com/webhook/abc/ip1sms', 's/1')).toBe('https://n8n.example.com/webhook/abc/ip1sms?secret=s%2F1');
		expect(withSecret('https://x.example.com/a?b=1', 's')).toBe('https://x.example.com/a?b=1&secret=s');
		expect(redactUrl('https://x.example.com/a?secret=s&b=1&api_key=k&token=t&flag')).toBe(
			'https://x.example.com/a?secret=…&b=1&api_key=…&token=…&flag',
		);
		expect(redactUrl('https://x.example.com/a')).toBe('https://x.example.com/a');
		expect(redactUrl('https://user:pa55@x.example.com/a?Se%63ret=s')).toBe('https://user:…@x.example.com/a?Se%63ret=…');
		expect(redactUrl('https://x.example.com/a?token=t#access_token=u')).toBe('https://x.example.com/a?token=…#…');
	});

	test('an API message quoting a URL shows it masked, also when only the secret value is quoted', () => {
		const url = 'https://crm.example.com/in?token=crm-token-1&lang=sv';
		expect(scrubUrls(`'${url}' is not reachable`, [url])).toBe("'https://crm.example.com/in?token=…&lang=sv' is not reachable");
		expect(scrubUrls('token crm-token-1 refused', [url])).toBe('token … refused');
		expect(scrubUrls(`{"value":${JSON.stringify(url)}}`, [url])).not.toContain('crm-token-1');
	});
});

describe('whose callback URL is set', () => {
	const node = { webhookId: '1b2c', name: 'iP.1 SMS Trigger' } as INode;
	const production = 'https://n8n.example.com/webhook/1b2c/ip1sms';

	test.each([
		[null, 'unset'],
		[`${production}?secret=anything`, 'self'],
		[production, 'self'],
		['https://n8n.example.com/webhook-test/1b2c/ip1sms?secret=x', 'sibling'],
		['https://other-host.example.com/custom/webhook-test/1b2c/ip1sms', 'sibling'],
		['https://n8n.example.com/webhook/9f9f/ip1sms?secret=x', 'foreign'],
		['https://crm.example.com/sms', 'foreign'],
	])('%s → %s', (current, owner) => {
		expect(callbackOwner(current, production, node)).toBe(owner);
	});

	test('a node without webhook ID is recognised by workflow ID, node name and path', () => {
		const legacy = { name: 'iP.1 SMS Trigger' } as INode;
		const url = 'https://n8n.example.com/webhook/wf1/ip1%20sms%20trigger/ip1sms';
		expect(callbackOwner('https://n8n.example.com/webhook-test/wf1/ip1%20sms%20trigger/ip1sms?secret=s', url, legacy)).toBe('sibling');
		expect(callbackOwner('https://n8n.example.com/webhook-test/wf2/ip1%20sms%20trigger/ip1sms', url, legacy)).toBe('foreign');
	});

	test('local-only URLs are recognised; query and fragment are stripped', () => {
		expect(isLocalOnly('http://localhost:5678/webhook/x')).toBe(true);
		expect(isLocalOnly('http://127.0.0.1:5678/webhook/x')).toBe(true);
		expect(isLocalOnly('https://n8n.example.com/webhook/x')).toBe(false);
		expect(withoutQuery('https://a.example.com/p?x=1#f')).toBe('https://a.example.com/p');
	});

	test('the setting document is read whatever its shape (dialect/settings.ts)', () => {
		expect(settingValue({ key: 'IncomingCallbackUrl', value: 'https://a.example.com' })).toBe('https://a.example.com');
		expect(settingValue({ Key: 'IncomingCallbackUrl', Value: 'https://b.example.com' })).toBe('https://b.example.com');
		expect(settingValue('https://c.example.com')).toBe('https://c.example.com');
		expect(settingValue({ value: null })).toBeNull();
		expect(settingValue({ value: '' })).toBeNull();
		expect(settingValue([{ key: 'Other', value: 'x' }, { Key: 'IncomingCallbackUrl', Value: 'https://d.example.com' }])).toBe('https://d.example.com');
		expect(settingValue([{ key: 'Other', value: 'x' }])).toBeNull();
	});
});

describe('payload classification', () => {
	const classify = (document: IDataObject) => classifyPayload(document);

	test('the oldest inbound example (direction "mt" by mistake, with a body) is still an inbound SMS', () => {
		const result = classify({ id: 'm1', direction: 'mt', sender: 'TestNOS', body: 'Hi', statuses: [] });
		expect(result).toMatchObject({ ok: true, value: { event: 'inboundSms', dedupeKey: 'inboundSms:m1' } });
	});

	test('a delivery report needs no batchId, and its key is message id + status code', () => {
		expect(classify({ messageId: 'm2', code: 113 })).toMatchObject({
			ok: true,
			value: { event: 'deliveryReport', dedupeKey: 'deliveryReport:m2:113', json: { final: false, delivered: false, failed: false } },
		});
	});

	test('an unknown code is classified by its first digit (5xx: final, failed)', () => {
		expect(classify({ id: 'm3', code: 599 })).toMatchObject({
			ok: true,
			value: { json: { status: { name: 'UnknownError599', group: 'error' }, final: true, failed: true } },
		});
	});

	test.each([
		[{ id: 'x', body: 'text', code: 201 }, 'neither'],
		[{ id: '', code: 201 }, 'no message id'],
		[{ id: 'x', code: 20.5 }, 'not a whole number'],
		[{ direction: 'mo', body: 'hi' }, 'no message id'],
	])('%j is refused (%s)', (document, problem) => {
		const result = classify(document as IDataObject);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.problem).toContain(problem);
	});

	test('bodies are read from JSON, text and raw bytes', () => {
		expect(readPayload({ body: { id: 'a' } })).toEqual({ ok: true, value: { id: 'a' } });
		expect(readPayload({ body: '{"id":"b"}' })).toEqual({ ok: true, value: { id: 'b' } });
		expect(readPayload({ body: {}, rawBody: Buffer.from('{"id":"c"}') })).toEqual({ ok: true, value: { id: 'c' } });
		expect(readPayload({ body: {} })).toEqual({ ok: true, value: {} });
		expect(readPayload({})).toEqual({ ok: false, problem: 'The body is empty.' });
	});
});

describe('filters and events', () => {
	test.each([
		['all', { delivered: false, final: false }, true],
		['final', { delivered: false, final: false }, false],
		['final', { delivered: false, final: true }, true],
		['delivered', { delivered: true, final: true }, true],
		['delivered', { delivered: false, final: true }, false],
		['failed', { delivered: false, final: true }, true],
		['failed', { delivered: true, final: true }, false],
		['failed', { delivered: false, final: false }, false],
	] as const)('%s with %j → %s', (filter, outcome, passes) => {
		expect(passesFilter(filter, outcome)).toBe(passes);
	});

	test('unknown values fall back safely', () => {
		expect(toFilter('nonsense')).toBe('all');
		expect([...selectedEvents(['inboundSms', 'nonsense', 'deliveryReport'])]).toEqual(['inboundSms', 'deliveryReport']);
		expect([...selectedEvents('deliveryReport')]).toEqual(['deliveryReport']);
		expect(selectedEvents(undefined).size).toBe(0);
	});
});
