import type { SandboxCore } from './core';
import { batchDocument, contactDocument, landingDocument, messageDocument } from './documents';
import type { Account } from './state';
import { formatTimestamp } from './timestamps';
import type { AccountSnapshot } from './types';

/** Plain copies: a test can keep a snapshot and compare it with a later one. */
export function snapshotAccount(core: SandboxCore, account: Account): AccountSnapshot {
	const style = core.variants;
	return {
		accountId: account.id,
		name: account.name,
		type: account.type,
		balance: account.balance,
		currency: account.currency,
		parent: account.parentId,
		batches: Array.from(account.batches.values(), (b) => batchDocument(b, account, style, true)),
		messages: Array.from(account.messages.values(), (m) => messageDocument(m, account, style, 'full')),
		contacts: Array.from(account.contacts.values(), (c) => contactDocument(c, account, true)),
		blacklist: Array.from(account.blacklist, ([msisdn, created]) => ({ msisdn, created: formatTimestamp(created, style.timestamps) })),
		senders: Array.from(account.senders, ([sender, created]) => ({ sender, created: formatTimestamp(created, style.timestamps) })).sort((a, b) =>
			a.sender < b.sender ? -1 : a.sender > b.sender ? 1 : 0,
		),
		settings: Object.fromEntries(account.settings),
		landings: Array.from(account.landings.values(), (landing) => landingDocument(landing, style.timestamps)),
		children: [...account.childIds],
	};
}
