import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { PAGES_AHEAD } from '../../nodes/shared/transport/pagination';
import { classifyPayload, readPayload } from '../../nodes/Ip1SmsTrigger/webhook';
import type { AccountSnapshot, MessageDocument, SandboxHandle, SandboxVariants } from '../../sandbox';
import { countSegments, type Datacoding } from '../../sandbox/gsm';
import { jsonOf, runNode, type RunNodeResult, type SandboxCredentials } from '../harness/engine';
import { pairedIndexes } from '../messaging/helpers';
import type { Receiver } from '../sandbox/helpers';

// The core flows of the matrix: each runs the node through n8n's engine against the sandbox under
// the readings in force and checks real outcomes against what the sandbox stored (ids, counts,
// decoded statuses, encoding, segments) or, where a reading legitimately refuses the node's
// request, that the node fails loudly with the API's own words.

export const CONTACT_COUNT = 1203;
const SECOND = 1000;

export interface MatrixContext {
	sandbox: SandboxHandle;
	receiver: Receiver;
	/** The account seeded with CONTACT_COUNT contacts (never reset). */
	contacts: SandboxCredentials;
}

/** A flow's account and what earlier flows of the same case left for later ones. */
export interface CaseState {
	credentials: SandboxCredentials;
	perItem?: { batchIds: string[]; messageIds: string[] };
}

/** What the flows after the per-item send read; they fail (never pass silently) when it is missing. */
function sentBatches(state: CaseState): { batchIds: string[]; messageIds: string[] } {
	if (state.perItem) return state.perItem;
	throw new Error('The per-item send did not complete, so there is nothing to read.');
}

type Flow = (ctx: MatrixContext, state: CaseState) => Promise<void>;

export function variants(ctx: MatrixContext): SandboxVariants {
	return ctx.sandbox.control.variants;
}

function snapshot(ctx: MatrixContext, state: CaseState): AccountSnapshot {
	return ctx.sandbox.control.state(state.credentials.apiToken);
}

async function run(state: CaseState, parameters: INodeParameters, items?: IDataObject[]): Promise<RunNodeResult> {
	return await runNode({ parameters, items, credentials: state.credentials, continueOnFail: false });
}

function errorText(result: RunNodeResult): string {
	return `${String(result.error?.message ?? '')} ${String(result.error?.description ?? '')}`;
}

/** Fails the test with the node's own error, so the matrix report names it. */
function expectSuccess(result: RunNodeResult, flow: string): IDataObject[] {
	if (result.error) throw new Error(`${flow} failed: ${errorText(result).trim()}`);
	return jsonOf(result);
}

function codingOf(value: unknown): Datacoding {
	if (value === undefined || value === null) return 'ucs';
	return value === 0 || String(value).toLowerCase() === 'gsm' ? 'gsm' : 'ucs';
}

function sentBodies(ctx: MatrixContext, token: string): IDataObject[] {
	const accountId = ctx.sandbox.control.state(token).accountId;
	return ctx.sandbox.control.requests
		.filter((r) => r.method === 'POST' && r.path === '/v2/batches' && r.accountId === accountId && r.status >= 200 && r.status < 300)
		.map((r) => r.body as IDataObject);
}

/**
 * One output item of a send (one recipient) against the stored truth: its message id is the stored
 * message of its recipient in its batch, its encoding is what was requested with the segments of
 * that encoding, and the billed figures are what the sandbox stored.
 */
function checkSendOutput(output: IDataObject, stored: MessageDocument[], requested: Datacoding, text: string): void {
	const mine = stored.find((m) => m.recipient === output.to && m.batchId === output.batchId);
	expect(mine).toBeDefined();
	expect(output.messageId).toBe(mine?.id);
	expect(output.encoding).toBe(requested);
	expect(output.segments).toBe(countSegments(text, requested));
	const detail = output.detail as IDataObject;
	expect(detail.billedEncoding).toBe(codingOf(mine?.datacoding));
	expect(detail.billedSegments).toBe(mine?.segments);
}

const PER_ITEM_TEXTS = ['a'.repeat(100), 'Zoë says hi'];
/** What Auto must choose for each text, known from the text itself: 100 × "a" fits GSM-7, "ë" is not in it. */
const PER_ITEM_CODINGS: Datacoding[] = ['gsm', 'ucs'];

/** SMS → Send, one batch per item: 2 items of 2 recipients, a GSM-fitting and a Unicode text. */
export const sendPerItem: Flow = async (ctx, state) => {
	const items = [
		{ phones: '46706000001, 46706000002', text: PER_ITEM_TEXTS[0] },
		{ phones: '+46 70 600 00 03, 46706000004', text: PER_ITEM_TEXTS[1] },
	];
	const result = await run(
		state,
		{
			resource: 'sms',
			operation: 'send',
			simplify: false,
			sender: 'iP1',
			recipients: '={{ $json.phones }}',
			message: '={{ $json.text }}',
			options: { deliveryReportUrl: `${ctx.receiver.url}/dlr` },
		},
		items,
	);
	const outputs = expectSuccess(result, 'Send per item');
	const stored = snapshot(ctx, state);
	expect(stored.batches).toHaveLength(2);
	expect(stored.messages.map((m) => m.recipient).sort()).toEqual(['46706000001', '46706000002', '46706000003', '46706000004']);
	const bodies = sentBodies(ctx, state.credentials.apiToken);
	expect(bodies).toHaveLength(2);
	// One output item per recipient, paired to the input item that named it.
	expect(outputs.map((o) => o.to)).toEqual(['46706000001', '46706000002', '46706000003', '46706000004']);
	expect(pairedIndexes(result)).toEqual([0, 0, 1, 1]);
	// Each request went out in its text's datacoding.
	for (const body of bodies) expect(codingOf(body.datacoding)).toBe(PER_ITEM_CODINGS[PER_ITEM_TEXTS.indexOf(String(body.body))]);
	outputs.forEach((output, position) => {
		const index = pairedIndexes(result)[position];
		checkSendOutput(output, stored.messages, PER_ITEM_CODINGS[index], PER_ITEM_TEXTS[index]);
		expect(stored.messages.filter((m) => m.batchId === output.batchId).map((m) => m.body)).toEqual([PER_ITEM_TEXTS[index], PER_ITEM_TEXTS[index]]);
	});
	expect(outputs[1].batchId).toBe(outputs[0].batchId);
	expect(outputs[3].batchId).toBe(outputs[2].batchId);
	state.perItem = { batchIds: [String(outputs[0].batchId), String(outputs[2].batchId)], messageIds: stored.messages.map((m) => m.id) };
};

const PEOPLE = [
	{ phone: '46706000011', name: 'Ann' },
	{ phone: '46706000012', name: 'Zoë' },
	{ phone: '46706000013', name: 'Bo' },
];

/** SMS → Send, one personalised batch for all items: 3 items, one request, each its own text. */
export const sendPersonalised: Flow = async (ctx, state) => {
	const before = snapshot(ctx, state).batches.length;
	const result = await run(
		state,
		{
			resource: 'sms',
			operation: 'send',
			simplify: false,
			sender: 'iP1',
			mode: 'personalised',
			recipients: '={{ $json.phone }}',
			message: 'Hi {name}, your order has shipped.',
			personalisation: { values: [{ name: 'name', value: '={{ $json.name }}' }] },
		},
		PEOPLE,
	);
	const outputs = expectSuccess(result, 'Send personalised');
	const stored = snapshot(ctx, state);
	// One templated request per datacoding the texts need (the node may split GSM and Unicode texts).
	const bodies = sentBodies(ctx, state.credentials.apiToken).filter((b) => !Array.isArray(b.recipients));
	const created = stored.batches.slice(before);
	expect(created.length).toBe(bodies.length);
	expect(created.length).toBeGreaterThanOrEqual(1);
	expect(created.every((b) => b.templated)).toBe(true);
	expect(outputs).toHaveLength(3);
	outputs.forEach((output, index) => {
		const text = `Hi ${PEOPLE[index].name}, your order has shipped.`;
		expect(output.text).toBe(text);
		expect(output.to).toBe(PEOPLE[index].phone);
		expect(stored.messages.find((m) => m.recipient === PEOPLE[index].phone)?.body).toBe(text);
		const body = bodies.find((b) => Object.keys(b.recipients as IDataObject).includes(PEOPLE[index].phone));
		expect(body).toBeDefined();
		checkSendOutput(output, stored.messages, codingOf(body?.datacoding), text);
	});
	expect(new Set(outputs.map((o) => o.batchId))).toEqual(new Set(created.map((b) => b.id)));
};

/** Batch → Get and Get Many after delivery: ids, counts and decoded statuses. */
export const batchReads: Flow = async (ctx, state) => {
	const sent = sentBatches(state);
	await ctx.sandbox.control.advance(15 * SECOND);
	const stored = snapshot(ctx, state);
	const [first] = sent.batchIds;
	const one = expectSuccess(await run(state, { resource: 'batch', operation: 'get', batchId: first }), 'Batch get');
	expect(one[0]).toMatchObject({ id: first, type: 'sms', direction: 'mt', totalMessages: 2, delivered: 2, failed: 0, pending: 0 });
	const listed = expectSuccess(await run(state, { resource: 'batch', operation: 'getAll', returnAll: true }), 'Batch get many');
	expect(listed.map((b) => b.id).sort()).toEqual(stored.batches.map((b) => b.id).sort());
	expect(listed.every((b) => b.type === 'sms' && b.direction === 'mt')).toBe(true);
};

/** Message → Get Many (latest status decoded) and Get (full history, finality by code). */
export const messageReads: Flow = async (ctx, state) => {
	const sent = sentBatches(state);
	const [batchId] = sent.batchIds;
	const stored = snapshot(ctx, state).messages.filter((m) => m.batchId === batchId);
	const listed = expectSuccess(
		await run(state, { resource: 'message', operation: 'getAll', batchId, returnAll: true }),
		'Message get many'
	);
	expect(listed.map((m) => m.id)).toEqual(stored.map((m) => m.id));
	listed.forEach((message, index) => {
		expect(message.status).toMatchObject({ code: 201, name: 'DeliveredToHandset', delivered: true, final: true });
		expect(message).toMatchObject({ type: 'sms', direction: 'mt', datacoding: codingOf(stored[index].datacoding), segments: stored[index].segments });
	});
	const one = expectSuccess(await run(state, { resource: 'message', operation: 'get', batchId, messageId: stored[0].id }), 'Message get');
	const statuses = one[0].statuses as IDataObject[];
	expect(statuses.map((s) => s.code)).toEqual([101, 102, 103, 110, 112, 201]);
	expect(statuses.map((s) => s.final)).toEqual([false, false, false, false, false, true]);
	expect(statuses.map((s) => instant(s.created))).toEqual(stored[0].statuses.map((s) => instant(s.created)));
};

/** The instant a timestamp denotes; a zoneless one is UTC (the sandbox's and the node's reading). */
export function instant(value: unknown): number {
	const text = String(value);
	return Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
}

/** Contact → Get Many, Return All over 1,203 contacts: every one exactly once. */
export const contactsReturnAll: Flow = async (ctx) => {
	const state: CaseState = { credentials: ctx.contacts };
	const before = ctx.sandbox.control.countRequests({ method: 'GET', path: '/v2/contacts' });
	const result = await run(state, { resource: 'contact', operation: 'getAll', returnAll: true });
	const contacts = expectSuccess(result, 'Contact get many (Return All)');
	const ids = contacts.map((c) => String(c.id));
	expect(new Set(ids).size).toBe(CONTACT_COUNT);
	expect(ids).toHaveLength(CONTACT_COUNT);
	expect(new Set(ids)).toEqual(new Set(snapshot(ctx, state).contacts.map((c) => c.id)));
	const pages = ctx.sandbox.control.countRequests({ method: 'GET', path: '/v2/contacts' }) - before;
	// Every page, the empty one that ends the list, a refused first size; and the pages read ahead past the end.
	expect(pages).toBeLessThanOrEqual(Math.ceil(CONTACT_COUNT / variants(ctx).pageSizeCap) + 2 + PAGES_AHEAD);
};

/** Account → Get Overview and Get Details: ids, balance, lower-case type, the key masked. */
export const account: Flow = async (ctx, state) => {
	const stored = snapshot(ctx, state);
	const overview = expectSuccess(await run(state, { resource: 'account', operation: 'getOverview' }), 'Account overview');
	expect(overview[0]).toMatchObject({ account: stored.accountId, balance: stored.balance, type: 'international', currency: 'EUR' });
	const details = expectSuccess(await run(state, { resource: 'account', operation: 'getDetails' }), 'Account details');
	expect(details[0]).toMatchObject({ id: stored.accountId, balance: stored.balance, type: 'international', keyMasked: true });
	expect(JSON.stringify([overview, details])).not.toContain(state.credentials.apiToken);
};

/** Setting → Set, Get, Get Many, Delete of IncomingCallbackUrl, checked against the account. */
export const settings: Flow = async (ctx, state) => {
	const url = `${ctx.receiver.url}/settings-check`;
	const base = { resource: 'setting', settingKey: 'IncomingCallbackUrl' };
	const set = expectSuccess(await run(state, { ...base, operation: 'set', value: url }), 'Setting set');
	expect(set).toEqual([{ key: 'IncomingCallbackUrl', value: url, isSet: true }]);
	expect(snapshot(ctx, state).settings).toEqual({ IncomingCallbackUrl: url });
	expect(expectSuccess(await run(state, { ...base, operation: 'get' }), 'Setting get')).toEqual([{ key: 'IncomingCallbackUrl', value: url, isSet: true }]);
	expect(expectSuccess(await run(state, { resource: 'setting', operation: 'getAll', returnAll: true }), 'Setting get many')).toEqual([
		{ key: 'IncomingCallbackUrl', value: url },
	]);
	const removed = expectSuccess(await run(state, { ...base, operation: 'delete' }), 'Setting delete');
	expect(removed).toEqual([{ key: 'IncomingCallbackUrl', value: null, isSet: false, deleted: true }]);
	expect(snapshot(ctx, state).settings).toEqual({});
};

/** Blacklist → Add, Get, Get Many, Remove; an unknown number's 404 in the API's words. */
export const blacklist: Flow = async (ctx, state) => {
	const base = { resource: 'blacklist' };
	const added = expectSuccess(await run(state, { ...base, operation: 'add', phoneNumber: '+46 70 600 00 99' }), 'Blacklist add');
	expect(added[0]).toMatchObject({ msisdn: '46706000099', blocked: true });
	const [entry] = snapshot(ctx, state).blacklist;
	expect(entry?.msisdn).toBe('46706000099');
	const got = expectSuccess(await run(state, { ...base, operation: 'get', phoneNumber: '46706000099' }), 'Blacklist get');
	expect(got[0].msisdn).toBe('46706000099');
	expect(instant(got[0].created)).toBe(instant(entry.created));
	const all = expectSuccess(await run(state, { ...base, operation: 'getAll', returnAll: true }), 'Blacklist get many');
	if (all) expect(all.map((e) => e.msisdn)).toEqual(['46706000099']);
	const missing = await run(state, { ...base, operation: 'get', phoneNumber: '46706000098' });
	expect(missing.error).toBeDefined();
	expect(errorText(missing)).toContain("'46706000098' is not on the blacklist.");
	const removed = expectSuccess(await run(state, { ...base, operation: 'remove', phoneNumber: '46706000099' }), 'Blacklist remove');
	expect(removed[0]).toMatchObject({ msisdn: '46706000099', removed: true });
	expect(snapshot(ctx, state).blacklist).toEqual([]);
};

function classify(body: unknown): IDataObject {
	const payload = readPayload({ body });
	if (!payload.ok) throw new Error(`Trigger payload unreadable: ${payload.problem}`);
	const event = classifyPayload(payload.value);
	if (!event.ok) throw new Error(`Trigger payload not recognised: ${event.problem}`);
	return event.value.json;
}

/**
 * Trigger payloads: the delivery reports of the per-item sends and one inbound SMS, as the sandbox
 * POSTed them under the reading, through the trigger's payload normaliser.
 */
export const triggerPayloads: Flow = async (ctx, state) => {
	const stored = snapshot(ctx, state);
	const reports = ctx.receiver.received.filter((r) => r.path === '/dlr').map((r) => classify(r.body));
	const sent = sentBatches(state);
	if (sent) {
		expect(reports).toHaveLength(4 * 5);
		for (const messageId of sent.messageIds) {
			const mine = reports.filter((r) => r.id === messageId);
			expect(mine.map((r) => r.code)).toEqual([102, 103, 110, 112, 201]);
			expect(mine.map((r) => [r.event, r.final, r.delivered])).toEqual([
				['deliveryReport', false, false],
				['deliveryReport', false, false],
				['deliveryReport', false, false],
				['deliveryReport', false, false],
				['deliveryReport', true, true],
			]);
			expect(mine.every((r) => r.batchId === stored.messages.find((m) => m.id === messageId)?.batchId)).toBe(true);
		}
	}
	await setCallbackDirectly(ctx, state, `${ctx.receiver.url}/inbound`);
	const message = await ctx.sandbox.control.injectInbound({ token: state.credentials.apiToken, from: '46706000050', body: 'Hej från matrisen' });
	const inbound = ctx.receiver.received.filter((r) => r.path === '/inbound').map((r) => classify(r.body));
	expect(inbound).toHaveLength(1);
	expect(inbound[0]).toMatchObject({
		event: 'inboundSms',
		id: message.id,
		sender: '46706000050',
		body: 'Hej från matrisen',
		direction: 'mo',
		type: 'sms',
		datacoding: 'gsm',
		status: { code: 201, delivered: true, final: true },
	});
};

/** The callback set over the API path that exists under the reading (the settings flow tests the node's way). */
async function setCallbackDirectly(ctx: MatrixContext, state: CaseState, url: string): Promise<void> {
	const v = variants(ctx);
	const path = `${v.settingsPath === 'unversioned' ? '' : '/v2'}/me/sms/settings/IncomingCallbackUrl`;
	const body = v.settingsPut === 'bareString' ? JSON.stringify(url) : JSON.stringify({ value: url });
	const res = await fetch(`${ctx.sandbox.url}${path}`, {
		method: 'PUT',
		headers: { authorization: `Bearer ${state.credentials.apiToken}`, 'content-type': 'application/json' },
		body,
	});
	expect(res.status).toBe(200);
}

/** Every core flow, in an order where later ones read what earlier ones created. */
export const CORE_FLOWS: Array<[string, Flow]> = [
	['send per item', sendPerItem],
	['send personalised', sendPersonalised],
	['batch get / get many', batchReads],
	['message get many / get', messageReads],
	['contact get many (Return All 1,203)', contactsReturnAll],
	['account overview / details', account],
	['settings set / get / get many / delete', settings],
	['blacklist add / get / get many / remove', blacklist],
	['trigger payloads', triggerPayloads],
];

/** 1,203 contacts in one synchronous import request (the API allows it; no 1,203 requests). */
export async function seedContacts(sandbox: SandboxHandle, credentials: SandboxCredentials): Promise<void> {
	const contacts = Array.from({ length: CONTACT_COUNT }, (_, index) => ({
		properties: { phoneNumber: `+4670700${String(index).padStart(4, '0')}`, firstName: `Contact ${index}` },
		labels: ['matrix'],
	}));
	const res = await fetch(`${sandbox.url}/v2/contacts?sync`, {
		method: 'POST',
		headers: { authorization: `Bearer ${credentials.apiToken}`, 'content-type': 'application/json' },
		body: JSON.stringify(contacts),
	});
	expect(res.status).toBe(201);
	expect(sandbox.control.state(credentials.apiToken).contacts).toHaveLength(CONTACT_COUNT);
}

/**
 * A send the API refuses (senderRegistration 'request', unregistered sender): the node fails and its
 * error carries the API's own reason, whatever the error body's shape; nothing is created.
 */
export const refusedSend: Flow = async (ctx, state) => {
	const before = snapshot(ctx, state).batches.length;
	const result = await run(state, { resource: 'sms', operation: 'send', sender: 'NotMine1', recipients: '46706000021', message: 'Hello' });
	expect(result.error).toBeDefined();
	expect(errorText(result)).toContain('Sender "NotMine1" is not registered on this account.');
	expect(snapshot(ctx, state).batches).toHaveLength(before);
};
