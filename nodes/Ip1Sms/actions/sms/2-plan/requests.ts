import type { PerItemSend, PersonalisedSend, PlaceholderValues } from '../1-read/items';
import type { RequestedEncoding, SendSettings } from '../1-read/settings';
import { fitsGsm, type Encoding } from '../gsm';

/** Recipients on the wire: a list of MSISDNs, or the templating dictionary (with `default`). */
type WireRecipients = string[] | Record<string, PlaceholderValues>;

/** The MSISDNs of a request, in order: the templating dictionary's `default` entry is no recipient. */
export function recipientsOf(recipients: WireRecipients): string[] {
	return Array.isArray(recipients) ? recipients : Object.keys(recipients).filter((key) => key !== 'default');
}

/** One POST /v2/batches, planned: all it carries but the enum form, which is chosen as it is sent. */
export interface PlannedRequest {
	settings: SendSettings;
	recipients: WireRecipients;
	reference: string;
	/** With the user's own reference (others may share it): our reference, as the tag that marks the request ours. */
	idempotencyTag?: string;
	/** The datacoding this request is sent with, always explicit (see chooseDatacoding). */
	datacoding: Encoding;
	/** The item whose parameters the request carries: errors name it. */
	itemIndex: number;
}

/** A request's reference from what it carries (3-send/exactlyOnce.ts): the same on every try of a run. */
type ReferenceFor = (identity: unknown) => string;

/** The user's reference (ours then tags it) or ours, derived from who gets what (not windows: Quiet Hours moves them). */
function references(userReference: string | undefined, ours: string): Pick<PlannedRequest, 'reference' | 'idempotencyTag'> {
	return userReference === undefined ? { reference: ours } : { reference: userReference, idempotencyTag: ours };
}

export function chunk<T>(list: T[], size: number): T[][] {
	const pieces: T[][] = [];
	for (let start = 0; start < list.length; start += size) pieces.push(list.slice(start, start + size));
	return pieces;
}

/**
 * The datacoding a request is sent with. Never left to the API: its default (`ucs`) may send and bill
 * a GSM text as UCS-2. Auto is GSM only when every text of the request (each recipient's) fits GSM-7.
 */
export function chooseDatacoding(requested: RequestedEncoding, texts: string[]): Encoding {
	if (requested !== 'auto') return requested;
	return texts.every(fitsGsm) ? 'gsm' : 'ucs';
}

/** "One SMS per Item": one recipient of one item, with that item's own text. */
interface ItemEntry {
	itemIndex: number;
	msisdn: string;
	text: string;
}

/** A planned request with its recipients and the items they came from. */
type RequestOf<E> = PlannedRequest & { entries: E[] };
export type ItemsRequest = RequestOf<ItemEntry>;
export type PersonalisedRequest = RequestOf<Entry>;

/**
 * Items with different texts share a request through iP.1 templating (ip1-api.md §2.4): the body is
 * `{n8nText}`, each recipient's value its item's text. iP.1 fills placeholders once: braces in a text stay.
 */
const TEXT_PLACEHOLDER = 'n8nText';

/**
 * "One SMS per Item": with Combine Items (the default) items whose batch options agree share requests
 * of up to "Recipients per Request" recipients (300 alerts with 300 texts cost one request); otherwise
 * every item has its own. A request whose recipients all get one text is a plain list.
 */
export function planItemRequests(
	items: ReadonlyMap<number, PerItemSend>,
	referenceFor: ReferenceFor,
	combine: boolean,
): { datacodings: Map<number, Encoding>; requests: ItemsRequest[] } {
	const datacodings = new Map<number, Encoding>();
	const groups = new Map<string, { settings: SendSettings; datacoding: Encoding; entries: ItemEntry[] }>();
	for (const [itemIndex, item] of items) {
		const { settings } = item;
		const datacoding = chooseDatacoding(settings.encoding, [settings.text]);
		datacodings.set(itemIndex, datacoding);
		const key = combine ? batchKeyOf(settings, datacoding) : `item ${itemIndex}`;
		let group = groups.get(key);
		if (!group) groups.set(key, (group = { settings, datacoding, entries: [] }));
		for (const msisdn of item.msisdns) group.entries.push({ itemIndex, msisdn, text: settings.text });
	}
	const requests = Array.from(groups.values()).flatMap(({ settings, datacoding, entries }) =>
		planTemplatedRequests(entries, settings.recipientsPerRequest, (entry) => entry.msisdn).map((chunkEntries) =>
			itemsRequest(settings, datacoding, chunkEntries, referenceFor),
		),
	);
	return { datacodings, requests };
}

function itemsRequest(settings: SendSettings, datacoding: Encoding, entries: ItemEntry[], referenceFor: ReferenceFor): ItemsRequest {
	const oneText = entries.every((entry) => entry.text === entries[0].text);
	const identity = ['items', settings.sender, entries.map(({ itemIndex, msisdn, text }) => [itemIndex, msisdn, text])];
	const shared = {
		...references(settings.reference, referenceFor(identity)),
		datacoding,
		itemIndex: entries[0].itemIndex,
		entries,
	};
	if (oneText) return { settings: { ...settings, text: entries[0].text }, recipients: entries.map((entry) => entry.msisdn), ...shared };
	const recipients: Record<string, PlaceholderValues> = {};
	for (const { msisdn, text } of entries) recipients[msisdn] = { [TEXT_PLACEHOLDER]: text };
	// Present and empty, as in a personalised request: one reading of the API requires it.
	recipients.default = {};
	return { settings: { ...settings, text: `{${TEXT_PLACEHOLDER}}` }, recipients, ...shared };
}

/** What makes a batch: every setting that goes into the request besides the recipients and the text. */
function batchKeyOf(settings: SendSettings, datacoding: Encoding): string {
	return JSON.stringify([
		settings.sender,
		settings.type,
		datacoding,
		settings.priority,
		settings.deliveryWindows,
		settings.deliveryReportUrl ?? null,
		settings.reference ?? null,
		settings.tags,
		settings.recipientsPerRequest,
		settings.lookUpMessageIds,
	]);
}

/** A personalised item with the datacoding of the requests that carry it (Auto: from its own text). */
export interface PlannedItem extends PersonalisedSend {
	datacoding: Encoding;
}

interface Entry {
	item: PlannedItem;
	msisdn: string;
}

/** "One Personalised Batch for All Items": items that share a group key share requests. */
export function planPersonalisedRequests(
	valid: PersonalisedSend[],
	referenceFor: ReferenceFor,
): { items: PlannedItem[]; requests: PersonalisedRequest[] } {
	const items = valid.map((item) => ({ ...item, datacoding: chooseDatacoding(item.settings.encoding, [item.text]) }));
	const groups = new Map<string, Entry[]>();
	for (const item of items) {
		// All a request carries but recipients; with Auto, GSM and Unicode texts part (one emoji makes no campaign UCS-2).
		const key = JSON.stringify([batchKeyOf(item.settings, item.datacoding), item.settings.text, item.defaults]);
		let group = groups.get(key);
		if (!group) groups.set(key, (group = []));
		for (const msisdn of item.msisdns) group.push({ item, msisdn });
	}
	const requests = Array.from(groups.values())
		.flatMap((entries) => planTemplatedRequests(entries, entries[0].item.settings.recipientsPerRequest, (entry) => entry.msisdn))
		.map((entries) => templatedRequest(entries, referenceFor));
	return { items, requests };
}

function templatedRequest(entries: Entry[], referenceFor: ReferenceFor): PersonalisedRequest {
	const { settings, defaults, itemIndex } = entries[0].item;
	const recipients: Record<string, PlaceholderValues> = {};
	for (const { item, msisdn } of entries) recipients[msisdn] = item.values;
	// Always present (one API reading requires it); an empty `default` changes nothing under the legacy rule.
	recipients.default = defaults;
	const datacoding = chooseDatacoding(settings.encoding, entries.map(({ item }) => item.text));
	const identity = ['personalised', settings.sender, settings.text, entries.map(({ item, msisdn }) => [item.itemIndex, msisdn, item.values])];
	return { settings, recipients, ...references(settings.reference, referenceFor(identity)), datacoding, itemIndex, entries };
}

/**
 * A number is a key of the templating dictionary, so once per request: every number's first entry
 * goes in layer 0, its second in layer 1, ..., each layer cut into requests of at most `size`. Nothing
 * merged or dropped, order kept in a layer, ceil(n/size) requests when all numbers differ.
 */
export function planTemplatedRequests<T>(entries: T[], size: number, keyOf: (entry: T) => string): T[][] {
	const layers: T[][] = [];
	const seen = new Map<string, number>();
	for (const entry of entries) {
		const key = keyOf(entry);
		const layer = seen.get(key) ?? 0;
		seen.set(key, layer + 1);
		(layers[layer] ??= []).push(entry);
	}
	return layers.flatMap((layer) => chunk(layer, size));
}
