/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test set-up runs in Node and is never published */
// Runs before every test file: n8n-core must never write into the real home folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// test/globalSetup.ts makes one folder for the whole run (and removes it at the end); a file run
// on its own without it still gets a temporary folder.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'ip1sms-n8n-'));
}
// Expected API errors of the tests are asserted, not printed: n8n-core's logger would print each one.
if (!process.env.N8N_LOG_LEVEL) process.env.N8N_LOG_LEVEL = 'silent';
