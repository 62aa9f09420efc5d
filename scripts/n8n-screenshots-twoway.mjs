#!/usr/bin/env node
// Screenshots of two-way SMS in the real n8n editor (headless Chromium), into docs/screenshots/:
//   07-send-and-wait-actions.png  the iP.1 SMS actions found by "wait" (Send and Wait for Response / Delivery)
//   08-send-and-wait-panel.png    the appointment-reminder example's Send and Wait node
//   node scripts/n8n-screenshots-twoway.mjs [--n8n 2.41.1] [--chromium /usr/bin/chromium]
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { freePort } from '../e2e/harness.mjs';
import { DEFAULT_N8N_VERSION, ensureN8n } from './n8n-install.mjs';
import { DEMO_OWNER, N8nRest, buildPackage, loadSandbox, makeTempDir, n8nCli, n8nEnv, repoRoot, sleep, startN8n, stopGroup, writeJson } from './n8n-runtime.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const version = opt('--n8n', DEFAULT_N8N_VERSION);
const chromium = opt('--chromium', process.env.CHROMIUM || '/usr/bin/chromium');
const outDir = join(repoRoot, 'docs', 'screenshots');

const examples = () =>
	readdirSync(join(repoRoot, 'examples'))
		.filter((f) => f.endsWith('.json'))
		.map((f) => JSON.parse(readFileSync(join(repoRoot, 'examples', f), 'utf8').replaceAll('"n8n-nodes-ip1sms.ip1Sms', '"CUSTOM.ip1Sms')));

async function main() {
	if (!existsSync(chromium)) throw new Error(`no Chromium at ${chromium}`);
	const { chromium: pw } = await import('playwright-core');
	await buildPackage();
	const n8n = await ensureN8n(version);
	const { startSandbox } = await loadSandbox();
	const sandbox = await startSandbox({ seedDemoData: true });
	const userFolder = makeTempDir('ip1-shots-twoway-');
	const env = n8nEnv(n8n, { userFolder, port: await freePort(), extra: { N8N_RUNNERS_BROKER_PORT: String(await freePort()) } });
	writeJson(join(userFolder, 'c.json'), [{ id: 'ip1SandboxCred01', name: 'iP.1 SMS sandbox', type: 'ip1SmsApi', data: { apiToken: sandbox.token, baseUrl: sandbox.url } }]);
	writeJson(join(userFolder, 'w.json'), examples());
	const cliEnv = { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
	for (const [what, file] of [['credentials', 'c.json'], ['workflow', 'w.json']]) {
		const r = await n8nCli(n8n, [`import:${what}`, '--input', join(userFolder, file)], { env: cliEnv });
		if (r.code !== 0) throw new Error(`import:${what}: ${r.stdout} ${r.stderr}`);
	}
	const server = await startN8n(n8n, env, { logFile: join(userFolder, 'n8n.log') });
	const browser = await pw.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
	try {
		await new N8nRest(server.baseUrl).ownerAndLogin();
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		const login = await context.request.post(`${server.baseUrl}/rest/login`, { data: { emailOrLdapLoginId: DEMO_OWNER.email, email: DEMO_OWNER.email, password: DEMO_OWNER.password } });
		if (login.status() !== 200) throw new Error(`browser login: ${login.status()}`);
		const page = await context.newPage();
		mkdirSync(outDir, { recursive: true });
		const shot = async (name) => {
			await sleep(800);
			await page.screenshot({ path: join(outDir, name) });
			process.stdout.write(`saved docs/screenshots/${name}\n`);
		};
		const byTestId = (id) => page.locator(`[data-test-id="${id}"]`);

		await page.goto(`${server.baseUrl}/workflow/ip1ExampleAsk01`, { waitUntil: 'domcontentloaded', timeout: 180_000 });
		await page.locator('[data-test-id="canvas-node"]').first().waitFor({ state: 'visible', timeout: 180_000 });
		await sleep(1500);
		await byTestId('node-creator-plus-button').first().click();
		await byTestId('node-creator-search-bar').first().fill('iP.1');
		await sleep(500);
		await page.locator('[data-test-id="node-creator-item-name"]', { hasText: /^iP\.1 SMS$/ }).first().click();
		await sleep(500);
		await byTestId('node-creator-search-bar').first().fill('wait');
		await shot('07-send-and-wait-actions.png');
		await page.keyboard.press('Escape');
		await page.keyboard.press('Escape');
		await sleep(800);

		await page.locator('[data-test-id="canvas-node"]', { hasText: 'Ask to Confirm' }).first().dblclick();
		await byTestId('ndv').first().waitFor({ state: 'visible', timeout: 30_000 });
		await shot('08-send-and-wait-panel.png');
	} finally {
		await browser.close();
		await stopGroup(server.child);
		await sandbox.close();
		rmSync(userFolder, { recursive: true, force: true });
	}
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
