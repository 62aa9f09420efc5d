/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test set-up runs in Node and is never published */
// Runs before every test file: n8n-core must never write into the real home folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';

import { setSafeRegexEngine, type RegexEngine } from 'n8n-workflow';

// test/globalSetup.ts makes one folder for the whole run (and removes it at the end); a file run
// on its own without it still gets a temporary folder.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'ip1sms-n8n-'));
}
// Expected API errors of the tests are asserted, not printed: n8n-core's logger would print each one.
if (!process.env.N8N_LOG_LEVEL) process.env.N8N_LOG_LEVEL = 'silent';

// n8n-workflow checks the fields' validation patterns (the Sender's, each run) in a vm with a
// 250 ms wall-clock watchdog, a guard against a user's runaway pattern. On a busy 2-core machine a
// jest worker can be descheduled that long and a fixed pattern then "times out". The tests feed no
// runaway patterns, so they use the same checks with the watchdog at 10 s; the e2e suites keep n8n's own.
const relaxedRegex = (() => {
	const context = vm.createContext({ pattern: '', flags: '', input: '', replacement: '', result: undefined as unknown });
	const run = <T>(code: string, values: Record<string, string>): T => {
		Object.assign(context, values, { result: undefined });
		new vm.Script(code).runInContext(context, { timeout: 10_000 });
		return context.result as T;
	};
	const engine: RegexEngine = {
		exec: (pattern, input, flags = '') => run('result = new RegExp(pattern, flags).exec(input)', { pattern, input, flags }),
		test: (pattern, input, flags = '') => run('result = new RegExp(pattern, flags).test(input)', { pattern, input, flags }),
		replace: (pattern, input, flags = '', replacement) =>
			run('result = input.replace(new RegExp(pattern, flags), replacement)', { pattern, input, flags, replacement }),
		matchAll: (pattern, input, flags = '') =>
			run('result = Array.from(input.matchAll(new RegExp(pattern, flags.includes("g") ? flags : flags + "g")))', { pattern, input, flags }),
		split: (pattern, input, flags = '') => run('result = input.split(new RegExp(pattern, flags))', { pattern, input, flags }),
	};
	return engine;
})();
setSafeRegexEngine(relaxedRegex);
