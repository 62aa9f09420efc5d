import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../sandbox';
import type { SandboxCredentials } from './engine';

export interface SandboxFixture {
	/** The running sandbox (available inside tests, after beforeAll). */
	readonly sandbox: SandboxHandle;
	/** Credentials of the sandbox's ready account. */
	readonly credentials: SandboxCredentials;
	/** A fresh, isolated account on the same sandbox. */
	newAccount(): SandboxCredentials;
}

/** Starts one sandbox for the test file and stops it afterwards. */
export function useSandbox(options: SandboxOptions = {}): SandboxFixture {
	let handle: SandboxHandle | undefined;
	beforeAll(async () => {
		handle = await startSandbox(options);
	});
	afterAll(async () => {
		await handle?.close();
	});
	const running = (): SandboxHandle => {
		if (!handle) throw new Error('The sandbox is not running: use the fixture inside tests');
		return handle;
	};
	return {
		get sandbox() {
			return running();
		},
		get credentials() {
			return { apiToken: running().token, baseUrl: running().url };
		},
		newAccount() {
			const { token } = running().control.createAccount();
			return { apiToken: token, baseUrl: running().url };
		},
	};
}
