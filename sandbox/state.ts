import type { Datacoding } from './gsm';
import { newToken } from './ids';
import type { JsonValue } from './types';

// Internal records. Documents on the wire are rendered from these by documents.ts, so the enum
// style can change without touching stored data.

export type Direction = 'mt' | 'mo';
export type SmsType = 'sms' | 'flash';
export type AccountType = 'international' | 'swedish';

export interface StatusRecord {
	created: string;
	code: number;
	duration: number;
}

export interface MessageRecord {
	id: string;
	batchId: string;
	owner: string;
	sender: string;
	recipient: string;
	body: string;
	direction: Direction;
	segments: number;
	type: SmsType;
	datacoding: Datacoding;
	priority: number;
	/** null for inbound messages, which carry no price in the documentation. */
	price: number | null;
	statuses: StatusRecord[];
	modified: string;
	reference: string | null;
	mcc: string;
	mnc: string;
}

export interface DeliveryWindowRecord {
	opens: string;
	closes: string;
	opensMs: number;
	closesMs: number;
}

export interface BatchRecord {
	id: string;
	sender: string;
	body: string;
	owner: string;
	direction: Direction;
	type: SmsType;
	datacoding: Datacoding;
	priority: number;
	templated: boolean;
	deliveryWindows: DeliveryWindowRecord[];
	deliveryReportUrl: string | null;
	reference: string | null;
	tags: string[];
	created: string;
	messageIds: string[];
}

export interface ContactRecord {
	id: string;
	ownerId: string;
	properties: Record<string, JsonValue>;
	labels: string[];
}

export interface LandingElementRecord {
	id: string;
	type: string;
	fields: Record<string, JsonValue>;
}

export interface LandingRecord {
	id: string;
	name: string;
	/** Fields the client sent besides the managed ones; kept so PUT/GET round-trip them. */
	extra: Record<string, JsonValue>;
	views: Record<string, number>;
	link: string;
	shortLink: string;
	lastModified: string;
	elements: LandingElementRecord[];
}

export interface Account {
	id: string;
	token: string;
	name: string;
	organization: string;
	type: AccountType;
	balance: number;
	currency: string;
	parentId: string | null;
	childIds: string[];
	batches: Map<string, BatchRecord>;
	/** All messages of the account in creation order (conversations scan this). */
	messages: Map<string, MessageRecord>;
	contacts: Map<string, ContactRecord>;
	/** msisdn → created */
	blacklist: Map<string, string>;
	/** sender → created */
	senders: Map<string, string>;
	settings: Map<string, string>;
	landings: Map<string, LandingRecord>;
}

/** Every account may send with these (newer docs: pre-registered on trial accounts; ambiguity 27). */
export const PREREGISTERED_SENDERS = ['iP1', 'iP1sms'];
export const DEFAULT_BALANCE = 100;

export interface NewAccount {
	name?: string;
	organization?: string;
	balance?: number;
	currency?: string;
	type?: AccountType;
	parentId?: string | null;
	token?: string;
}

export class AccountRegistry {
	private readonly byId = new Map<string, Account>();
	private readonly byTokenMap = new Map<string, Account>();
	private nextNumber = 10001;

	constructor(private readonly nowIso: () => string) {}

	create(input: NewAccount = {}): Account {
		const type = input.type ?? 'international';
		const id = `ip1-${this.nextNumber++}`;
		const account: Account = {
			id,
			token: input.token ?? newToken(),
			name: input.name ?? `Sandbox account ${id}`,
			organization: input.organization ?? 'Sandbox Organization',
			type,
			balance: input.balance ?? DEFAULT_BALANCE,
			currency: input.currency ?? (type === 'swedish' ? 'SEK' : 'EUR'),
			parentId: input.parentId ?? null,
			childIds: [],
			batches: new Map(),
			messages: new Map(),
			contacts: new Map(),
			blacklist: new Map(),
			senders: new Map(),
			settings: new Map(),
			landings: new Map(),
		};
		this.preregister(account);
		this.byId.set(id, account);
		this.byTokenMap.set(account.token, account);
		if (account.parentId) this.byId.get(account.parentId)?.childIds.push(id);
		return account;
	}

	byToken(token: string): Account | undefined {
		return this.byTokenMap.get(token);
	}

	get(id: string): Account | undefined {
		return this.byId.get(id);
	}

	/** Keeps only `keep`, emptied but with its id, token, name and type. */
	resetTo(keep: Account, balance: number): void {
		this.byId.clear();
		this.byTokenMap.clear();
		keep.childIds = [];
		keep.parentId = null;
		keep.balance = balance;
		keep.batches.clear();
		keep.messages.clear();
		keep.contacts.clear();
		keep.blacklist.clear();
		keep.senders.clear();
		keep.settings.clear();
		keep.landings.clear();
		this.preregister(keep);
		this.byId.set(keep.id, keep);
		this.byTokenMap.set(keep.token, keep);
	}

	private preregister(account: Account): void {
		const created = this.nowIso();
		for (const sender of PREREGISTERED_SENDERS) account.senders.set(sender, created);
	}
}

/** Prices and balances are money: keep four decimals and avoid binary-fraction noise. */
export function roundMoney(value: number): number {
	return Math.round(value * 10000) / 10000;
}
