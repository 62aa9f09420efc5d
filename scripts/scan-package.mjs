// Runs the checks of n8n's community-package scanner offline, on the source tree and on what
// `npm pack` would publish. The scanner's own CLI only scans published, provenance-attested
// packages and fetches their source from GitHub, which a build machine without internet cannot do;
// its exported analyzePackage() runs the same lint gate locally.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const work = mkdtempSync(join(tmpdir(), 'ip1sms-scan-'));
let failed = false;

async function check(label, dir, patterns) {
	const started = Date.now();
	const result = await analyzePackage(dir, patterns);
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (result.passed) {
		console.log(`scan ${label}: passed (${seconds} s)${result.message ? ` — ${result.message}` : ''}`);
	} else {
		failed = true;
		console.log(`scan ${label}: FAILED — ${result.message}`);
		if (result.details) console.log(result.details);
	}
}

try {
	await check('source tree', root, SOURCE_FILE_PATTERNS);
	const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
		cwd: root,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop();
	execFileSync('tar', ['-xzf', join(work, packed), '-C', work]);
	await check(`package tarball (${packed})`, join(work, 'package'), ['**/*.js', 'package.json']);
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
