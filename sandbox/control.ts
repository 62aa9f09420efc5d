import type { SandboxCore } from './core';
import { receiveInbound } from './inbound';
import { snapshotAccount } from './snapshot';
import type { Account } from './state';
import type { CreateAccountOptions, FaultSpec, InboundInput, LoggedRequest, SandboxControl, SandboxVariants } from './types';
import { checkVariants } from './variants';

/** What the control API needs from the HTTP layer. */
export interface ListeningServer {
	refuseConnectionsFor(ms: number): Promise<void>;
}

export function createControl(core: SandboxCore, server: ListeningServer, home: Account): SandboxControl {
	const initialBalance = home.balance;

	function accountFor(input: { token?: string; accountId?: string }): Account {
		if (input.token !== undefined) {
			const account = core.registry.byToken(input.token);
			if (!account) throw new Error('Unknown token');
			return account;
		}
		if (input.accountId !== undefined) {
			const account = core.registry.get(input.accountId);
			if (!account) throw new Error(`Unknown account '${input.accountId}'`);
			return account;
		}
		return home;
	}

	function pathMatches(filter: string | RegExp | undefined, entry: LoggedRequest): boolean {
		if (filter === undefined) return true;
		if (typeof filter === 'string') return entry.path === filter;
		filter.lastIndex = 0;
		return filter.test(entry.path);
	}

	return {
		createAccount(opts: CreateAccountOptions = {}) {
			const account = core.registry.create(opts);
			return { token: account.token, accountId: account.id };
		},
		advance: (ms: number) => core.advance(ms),
		now: () => core.clock.now(),
		injectInbound: async (input: InboundInput) => receiveInbound(core, accountFor(input), input),
		settle: () => core.settle(),
		get requests(): ReadonlyArray<LoggedRequest> {
			return core.requestLog;
		},
		clearRequests() {
			core.requestLog.length = 0;
		},
		get webhookDeliveries() {
			return core.webhooks.deliveries;
		},
		addFault: (fault: FaultSpec) => core.faults.add(fault),
		clearFaults: () => core.faults.clear(),
		refuseConnectionsFor: (ms: number) => server.refuseConnectionsFor(ms),
		setRateLimit: (perSecond: number | null) => core.rateLimiter.set(perSecond),
		setListingLag: (ms: number) => {
			if (!(Number.isFinite(ms) && ms >= 0)) throw new Error('listing lag needs a number of ms >= 0');
			core.listingLagMs = ms;
		},
		countRequests(filter = {}) {
			return core.requestLog.filter(
				(entry) =>
					(filter.method === undefined || entry.method.toUpperCase() === filter.method.toUpperCase()) &&
					pathMatches(filter.path, entry),
			).length;
		},
		state(tokenOrAccountId: string) {
			const account = core.registry.byToken(tokenOrAccountId) ?? core.registry.get(tokenOrAccountId);
			if (!account) throw new Error('Unknown token or account id');
			return snapshotAccount(core, account);
		},
		reset() {
			core.scheduler.clear();
			core.webhooks.reset();
			core.background.cancelAll();
			core.registry.resetTo(home, initialBalance);
			core.requestLog.length = 0;
			core.faults.clear();
			core.listingLagMs = 0;
			core.rateLimiter.set(core.options.rateLimitPerSecond);
			Object.assign(core.variants, core.options.variants);
		},
		get variants(): SandboxVariants {
			return { ...core.variants };
		},
		setVariants(partial: Partial<SandboxVariants>) {
			// Checked as a whole first, so a bad entry changes nothing.
			Object.assign(core.variants, checkVariants(partial));
			return { ...core.variants };
		},
	};
}
