/* eslint-disable @n8n/community-nodes/require-node-api-error -- the sandbox is a Node dev tool (never published in dist/), not a node run by n8n */
import { createControl } from './control';
import { SandboxCore, resolveOptions } from './core';
import { Router } from './router';
import { accountRoutes } from './routes/account';
import { batchRoutes } from './routes/batches';
import { blacklistRoutes } from './routes/blacklist';
import { contactRoutes } from './routes/contacts';
import { handleControl } from './routes/control';
import { conversationRoutes } from './routes/conversations';
import { labelRoutes } from './routes/labels';
import { landingRoutes } from './routes/landings';
import { senderRoutes } from './routes/senders';
import { settingsRoutes } from './routes/settings';
import { DEMO_TOKEN, seedDemoAccount } from './seed';
import { SandboxServer } from './server';
import type { SandboxHandle, SandboxOptions } from './types';

export type * from './types';
export { DEFAULT_VARIANTS, VARIANT_VALUES } from './types';
export { DEMO_TOKEN } from './seed';
export { VIRTUAL_NUMBER } from './inbound';

/** Starts an in-memory iP.1 API on 127.0.0.1 (a random port unless `port` is given). */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
	const resolved = resolveOptions(options);
	const core = new SandboxCore(resolved);
	const home = core.registry.create(
		resolved.seedDemoData
			? { token: DEMO_TOKEN, name: 'Demo account', organization: 'Demo Organization AB' }
			: { name: 'Sandbox account' },
	);
	if (resolved.seedDemoData) seedDemoAccount(core, home);

	const router = new Router([
		...batchRoutes,
		...conversationRoutes,
		...senderRoutes,
		...settingsRoutes,
		...blacklistRoutes,
		...contactRoutes,
		...labelRoutes,
		...landingRoutes,
		...accountRoutes,
	]);
	const server = new SandboxServer(core, router);
	const control = createControl(core, server, home);
	server.setControlHandler((req) => handleControl(control, req));
	try {
		await server.listen(resolved.port);
	} catch (error) {
		await server.close();
		throw error;
	}
	return {
		url: server.url,
		token: home.token,
		accountId: home.id,
		control,
		close: () => server.close(),
	};
}
