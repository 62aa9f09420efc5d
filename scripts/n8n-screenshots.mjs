#!/usr/bin/env node
// `npm run screenshots`: PNGs of the REAL n8n editor with our nodes, taken by headless Chromium
// (Debian's `chromium`: apt-get install -y chromium) driven by playwright-core. Saved in docs/screenshots/.
//
//   01-node-creator-sms.png        node creator after typing "sms" (found through the codex alias)
//   02-actions-list.png            the action list of iP.1 SMS (SMS actions first: "Send an SMS" on top)
//   03-send-sms-panel.png          the Send SMS node panel
//   03d-mode-dropdown.png          the Mode dropdown: each option's description whole (n8n clamps at two lines)
//   03b-sender-dropdown-first-open.png  the sender dropdown on the node's first opening (n8n error, see docs)
//   03c-sender-dropdown.png        the sender dropdown after reopening (senders loaded from the account)
//   04-trigger-panel.png           the trigger panel (delivery reports): webhook URLs, notice, secret
//   04b-inbound-trigger-panel.png  the trigger panel (inbound SMS): notice, callback-URL conflict choice
//   05-credential-dialog.png       the credential dialog
//   06-campaign-workflow.png       the personalised-campaign example on the canvas
//   09-send-output-table.png       that campaign executed: the Send node's output in the Table view
//
// Options: --n8n <version> (default 2.41.1), --chromium <path> (default /usr/bin/chromium or $CHROMIUM).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { DEFAULT_N8N_VERSION, ensureN8n } from './n8n-install.mjs';
import {
	DEMO_OWNER,
	N8nRest,
	buildPackage,
	loadSandbox,
	makeTempDir,
	n8nCli,
	n8nEnv,
	repoRoot,
	sleep,
	startN8n,
	stopGroup,
	writeJson,
} from './n8n-runtime.mjs';
import { freePort } from '../e2e/harness.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const version = opt('--n8n', DEFAULT_N8N_VERSION);
const chromium = opt('--chromium', process.env.CHROMIUM || '/usr/bin/chromium');
const outDir = join(repoRoot, 'docs', 'screenshots');
const say = (line) => process.stderr.write(`[screenshots] ${line}\n`);

function exampleWorkflows() {
	const dir = join(repoRoot, 'examples');
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8').replaceAll('"n8n-nodes-ip1sms.ip1Sms', '"CUSTOM.ip1Sms')));
}

async function main() {
	if (!existsSync(chromium)) throw new Error(`no Chromium at ${chromium}: apt-get install -y chromium (or pass --chromium)`);
	const { chromium: pw } = await import('playwright-core');
	await buildPackage();
	const n8n = await ensureN8n(version);
	const { startSandbox } = await loadSandbox();
	const sandbox = await startSandbox({ seedDemoData: true });
	const userFolder = makeTempDir('ip1-shots-');
	const port = await freePort();
	const env = n8nEnv(n8n, { userFolder, port, extra: { N8N_RUNNERS_BROKER_PORT: String(await freePort()) } });
	writeJson(join(userFolder, 'c.json'), [
		{ id: 'ip1SandboxCred01', name: 'iP.1 SMS sandbox', type: 'ip1SmsApi', data: { apiToken: sandbox.token, baseUrl: sandbox.url } },
	]);
	writeJson(join(userFolder, 'w.json'), exampleWorkflows());
	const cliEnv = { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
	for (const [what, file] of [
		['credentials', 'c.json'],
		['workflow', 'w.json'],
	]) {
		const r = await n8nCli(n8n, [`import:${what}`, '--input', join(userFolder, file)], { env: cliEnv });
		if (r.code !== 0) throw new Error(`import:${what}: ${r.stdout} ${r.stderr}`);
	}
	const server = await startN8n(n8n, env, { logFile: join(userFolder, 'n8n.log') });
	const browser = await pw.launch({
		executablePath: chromium,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	const taken = [];
	try {
		await new N8nRest(server.baseUrl).ownerAndLogin();
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		const login = await context.request.post(`${server.baseUrl}/rest/login`, {
			data: { emailOrLdapLoginId: DEMO_OWNER.email, email: DEMO_OWNER.email, password: DEMO_OWNER.password },
		});
		if (login.status() !== 200) throw new Error(`browser login: ${login.status()}`);
		const page = await context.newPage();
		mkdirSync(outDir, { recursive: true });
		const shot = async (name) => {
			await sleep(800);
			const path = join(outDir, name);
			await page.screenshot({ path });
			taken.push(path);
			say(`saved ${path}`);
		};
		const byTestId = (id) => page.locator(`[data-test-id="${id}"]`);
		// n8n's editor bundle is large: on a loaded machine its first load takes well over 30 s.
		const open = async (url) => await page.goto(url, { timeout: 180_000, waitUntil: 'domcontentloaded' });

		// 1. Node creator after typing "sms" (empty canvas: trigger mode).
		await open(`${server.baseUrl}/workflow/new`);
		await byTestId('canvas-plus-button').first().waitFor({ state: 'visible', timeout: 60_000 });
		await sleep(1500);
		await byTestId('canvas-plus-button').first().click();
		await byTestId('node-creator-search-bar').first().fill('sms');
		await shot('01-node-creator-sms.png');

		// 2. Action list of iP.1 SMS: add a Manual Trigger first, then search the action node.
		await byTestId('node-creator-search-bar').first().fill('manual');
		await sleep(800);
		await page.keyboard.press('Enter');
		await sleep(1500);
		await page.keyboard.press('Escape');
		await sleep(500);
		await byTestId('node-creator-plus-button').first().click();
		await byTestId('node-creator-search-bar').first().fill('iP.1');
		await sleep(500);
		await page.locator('[data-test-id="node-creator-item-name"]', { hasText: /^iP\.1 SMS$/ }).first().click();
		await shot('02-actions-list.png');

		// 3. The Send SMS panel.
		await page.locator('[data-test-id="node-creator-item-name"]', { hasText: /Send an SMS/i }).first().click();
		await byTestId('ndv').first().waitFor({ state: 'visible', timeout: 30_000 });
		await shot('03-send-sms-panel.png');
		await byTestId('parameter-input-mode').first().click();
		await shot('03d-mode-dropdown.png');
		await page.keyboard.press('Escape');
		await sleep(500);
		// The sender dropdown right after adding the node: n8n asks for the options before it has attached
		// the preselected credential (request without `credentials`), so this shows an error…
		await byTestId('parameter-input-sender').first().click();
		await shot('03b-sender-dropdown-first-open.png');
		await page.keyboard.press('Escape');
		await page.keyboard.press('Escape');
		await sleep(800);
		// …and after closing and reopening the node, the senders of the account.
		await page.locator('[data-test-id="canvas-node"]', { hasText: 'Send an SMS' }).first().dblclick();
		await byTestId('ndv').first().waitFor({ state: 'visible', timeout: 30_000 });
		await sleep(1000);
		await byTestId('parameter-input-sender').first().click();
		await shot('03c-sender-dropdown.png');
		await page.keyboard.press('Escape');
		await page.keyboard.press('Escape');

		// 4. Trigger panel (both events, so both notices and the secret show), webhook URLs expanded.
		await open(`${server.baseUrl}/workflow/ip1ExampleDlrLog`);
		await page.locator('[data-test-id="canvas-node"]').first().waitFor({ state: 'visible', timeout: 60_000 });
		await sleep(1000);
		await page.locator('[data-test-id="canvas-node"]', { hasText: 'Delivery Reports' }).first().dblclick();
		await byTestId('ndv').first().waitFor({ state: 'visible', timeout: 30_000 });
		const urls = page.getByText('Webhook URLs', { exact: false }).first();
		if (await urls.isVisible().catch(() => false)) await urls.click();
		await shot('04-trigger-panel.png');
		await page.keyboard.press('Escape');

		// 4b. The inbound-SMS trigger (auto-reply example): notice and the callback-URL conflict choice.
		await open(`${server.baseUrl}/workflow/ip1ExampleReply1`);
		await page.locator('[data-test-id="canvas-node"]').first().waitFor({ state: 'visible', timeout: 60_000 });
		await sleep(1000);
		await page.locator('[data-test-id="canvas-node"]', { hasText: 'Inbound SMS' }).first().dblclick();
		await byTestId('ndv').first().waitFor({ state: 'visible', timeout: 30_000 });
		await shot('04b-inbound-trigger-panel.png');
		await page.keyboard.press('Escape');

		// 5. Credential dialog.
		await open(`${server.baseUrl}/home/credentials/ip1SandboxCred01`);
		await sleep(3000);
		await shot('05-credential-dialog.png');

		// 6. The campaign example on the canvas.
		await open(`${server.baseUrl}/workflow/ip1ExampleCampgn`);
		await page.locator('[data-test-id="canvas-node"]').first().waitFor({ state: 'visible', timeout: 60_000 });
		await shot('06-campaign-workflow.png');

		// 7. That campaign executed (against the sandbox): the Send node's output as a table.
		await byTestId('execute-workflow-button').first().click();
		await sleep(15_000);
		await page.keyboard.press('Escape');
		await page.locator('[data-test-id="canvas-node"]', { hasText: 'Send Personalised SMS' }).first().dblclick();
		const ndv = byTestId('ndv').first();
		await ndv.waitFor({ state: 'visible', timeout: 60_000 });
		await sleep(2000);
		const table = ndv.getByText('Table', { exact: true });
		if ((await table.count()) > 0) await table.last().click().catch(() => undefined);
		await shot('09-send-output-table.png');
	} finally {
		await browser.close();
		await stopGroup(server.child);
		await sandbox.close();
		rmSync(userFolder, { recursive: true, force: true });
	}
	process.stdout.write(`${taken.length} screenshots in ${outDir}\n`);
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
