/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- benchmark set-up runs in Node and is never published */
// Imported before anything that loads n8n-core: n8n-core writes its instance settings under
// N8N_USER_FOLDER, which must not be the real home folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.N8N_USER_FOLDER) process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'ip1sms-bench-'));
