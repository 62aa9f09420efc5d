/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test set-up runs in Node and is never published */
// One n8n user folder for the whole jest run (workers inherit the variable), removed by globalTeardown.ts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function globalSetup(): void {
	if (process.env.N8N_USER_FOLDER) return;
	const folder = mkdtempSync(join(tmpdir(), 'ip1sms-n8n-'));
	process.env.N8N_USER_FOLDER = folder;
	process.env.IP1SMS_TEST_USER_FOLDER = folder;
}
