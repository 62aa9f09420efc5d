/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test set-up runs in Node and is never published */
// Removes the n8n user folder that globalSetup.ts made (never one the caller chose).
import { rmSync } from 'node:fs';

export default function globalTeardown(): void {
	const folder = process.env.IP1SMS_TEST_USER_FOLDER;
	if (folder) rmSync(folder, { recursive: true, force: true });
}
