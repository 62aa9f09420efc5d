#!/usr/bin/env node
// `npm run frontdoor`: the front door as a new user meets it, checked in a real browser (CI runs it).
//
// 1. starts `npm run dev` as a user would (a child process in its own process group, like a terminal's
//    foreground job), with an empty data folder, and reads the editor URL, the login and the workflow
//    list from what it prints;
// 2. logs in with the printed credentials through the editor's sign-in form in headless Chromium
//    (Debian's `chromium`, installed with apt-get when missing; driven by playwright-core);
// 3. sees every sample workflow dev printed (three or more) in the workflow list, opens the campaign,
//    clicks "Execute workflow", opens the iP.1 SMS node and reads its output in the page (recipient and
//    message id);
// 4. presses Ctrl-C (SIGINT to dev's process group) and checks that nothing dev started is left: no
//    process of its tree, nothing running in its data folder, its ports free.
//
// Options: --any-ports (free ports even when 5678/8787 are free), --keep-data (keep the data folder), --shots <dir> (save screenshots there; always saved to the
// data folder on failure), --timeout <minutes> for dev to become ready (default 25: a first run installs n8n).
// Exit code 0 = every step passed.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { portIsFree, repoRoot, sleep } from '../scripts/n8n-runtime.mjs';
import { Suite, assert, freePort } from './harness.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const READY_TIMEOUT_MS = Number(opt('--timeout', '25')) * 60_000;
const say = (line) => process.stdout.write(`[frontdoor] ${line}\n`);

/** Debian's Chromium, installed when missing (CI runs as root; elsewhere the message says what to do). */
function ensureChromium() {
	if (existsSync(CHROMIUM)) return;
	if (process.getuid?.() !== 0) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM)`);
	say('installing Debian\'s chromium with apt-get…');
	const install = () => execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'] });
	try {
		install();
	} catch {
		execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'] });
		install();
	}
	if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is missing`);
}

/** Every process: pid → { ppid, start (clock ticks since boot, tells a reused pid apart), cmd }. */
function processTable() {
	const table = new Map();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			// The command name is in parentheses and may hold spaces: read the fields after the last ')'.
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
			table.set(Number(name), { ppid: Number(fields[1]), start: fields[19], cmd });
		} catch {
			// the process ended while we read
		}
	}
	return table;
}

/** `root` and every process below it. */
function processTree(root) {
	const table = processTable();
	const tree = [];
	const queue = [root];
	while (queue.length) {
		const pid = queue.shift();
		const entry = table.get(pid);
		if (entry) tree.push({ pid, ...entry });
		for (const [child, info] of table) if (info.ppid === pid) queue.push(child);
	}
	return tree;
}

/** Processes whose working folder is inside `dir` (n8n and its task runner run in the data folder). */
function processesIn(dir) {
	const found = [];
	for (const [pid, info] of processTable()) {
		try {
			if (readlinkSync(`/proc/${pid}/cwd`).startsWith(dir)) found.push({ pid, ...info });
		} catch {
			// gone, or not ours to read
		}
	}
	return found;
}

/** Ports dev should use: the defaults when free (what a user gets), otherwise free ones passed as options. */
async function devPorts() {
	const anyPorts = args.includes('--any-ports');
	const n8n = !anyPorts && (await portIsFree(5678)) ? 5678 : await freePort();
	const sandbox = !anyPorts && (await portIsFree(8787)) ? 8787 : await freePort();
	return { n8n, sandbox };
}

/** `npm run dev` in its own process group; `lines` collects what it prints, `ready` resolves the parsed banner. */
function startDev(dataDir, ports) {
	const devArgs = ['run', 'dev', '--', '--data', dataDir, '--quiet-sandbox'];
	if (ports.n8n !== 5678) devArgs.push('--port', String(ports.n8n));
	if (ports.sandbox !== 8787) devArgs.push('--sandbox-port', String(ports.sandbox));
	say(`npm ${devArgs.join(' ')}`);
	const child = spawn('npm', devArgs, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	const lines = [];
	let stdout = '';
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	const ready = new Promise((resolve, reject) => {
		const echo = (chunk) => {
			for (const line of chunk.toString().split('\n')) {
				if (!line.trim()) continue;
				lines.push(line);
				process.stdout.write(`  | ${line}\n`);
			}
		};
		child.stdout.on('data', (chunk) => {
			echo(chunk);
			stdout += chunk.toString();
			const banner = parseBanner(stdout);
			if (banner) resolve(banner);
		});
		child.stderr.on('data', echo);
		exited.then(({ code, signal }) => reject(new Error(`npm run dev ended before it was ready (${signal ?? code})`)));
	});
	return { child, lines, ready, exited };
}

/** What dev prints when it is ready: the URL, the login and the workflows with their states. */
function parseBanner(text) {
	const ready = text.match(/is ready \((\d+) s\)/);
	const editor = text.match(/^\s*Editor:\s+(\S+)/m);
	const login = text.match(/^\s*Log in:\s+(\S+)\s+\/\s+(\S+)/m);
	const end = text.includes('Ctrl-C stops');
	if (!ready || !editor || !login || !end) return null;
	// One workflow per line: a state may be empty, and the next line is never read as its state.
	const workflows = [...text.matchAll(/^[ \t]*(?:Workflows:)?[ \t]+"([^"]+)"[ \t]*(.*)$/gm)].map((m) => ({ name: m[1], state: m[2].trim() }));
	return { seconds: Number(ready[1]), editor: editor[1], email: login[1], password: login[2], workflows };
}

async function main() {
	const suite = new Suite('front door');
	const dataDir = mkdtempSync(join(tmpdir(), 'ip1-frontdoor-'));
	const shotsDir = opt('--shots', null);
	const shot = async (page, name) => {
		const dir = shotsDir ?? join(dataDir, 'screenshots');
		mkdirSync(dir, { recursive: true });
		await page.screenshot({ path: join(dir, name) }).catch(() => {});
	};
	let dev;
	let browser;
	let page;
	let tree = [];
	let failedBeforeEnd = false;
	const t0 = Date.now();
	try {
		ensureChromium();
		const { chromium } = await import('playwright-core');
		const ports = await devPorts();
		dev = startDev(dataDir, ports);
		const timer = setTimeout(() => killDev(dev, 'SIGKILL'), READY_TIMEOUT_MS);
		let banner;
		await suite.test('npm run dev prints the editor URL, the login and the sample workflows', async () => {
			banner = await dev.ready;
			assert.equal(banner.editor, `http://127.0.0.1:${ports.n8n}/`);
			assert.ok(banner.workflows.length >= 3, `three or more sample workflows listed, got ${JSON.stringify(banner.workflows)}`);
			const active = banner.workflows.filter((w) => w.state === '(active)');
			const notActive = banner.workflows.filter((w) => /NOT active|MISSING/i.test(w.state));
			assert.ok(active.length >= 2 && notActive.length === 0, `the trigger examples active: ${JSON.stringify(banner.workflows)}`);
			const errors = dev.lines.filter((l) => l.startsWith('[dev]') && /could not|error|failed/i.test(l));
			assert.deepEqual(errors, [], 'no error printed on the way');
		});
		clearTimeout(timer);
		if (!banner) throw new Error('dev never became ready');
		tree = processTree(dev.child.pid);
		say(`dev ready in ${banner.seconds} s (its own count); ${tree.length} processes in its tree`);

		browser = await chromium.launch({
			executablePath: CHROMIUM,
			headless: true,
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		});
		page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
		page.setDefaultTimeout(90_000);

		await suite.test('the printed login opens the editor (sign-in form in the browser)', async () => {
			await page.goto(banner.editor, { waitUntil: 'domcontentloaded' });
			const email = page.locator('input[type="email"], input[name="email"], input[name="emailOrLdapLoginId"]').first();
			await email.waitFor({ state: 'visible' });
			await email.fill(banner.email);
			await page.locator('input[type="password"]').first().fill(banner.password);
			await page.locator('[data-test-id="form-submit-button"]').first().click();
			await page.waitForURL((url) => !/signin|setup/.test(url.pathname), { timeout: 90_000 });
			await sleep(2000);
			await shot(page, 'frontdoor-0-after-login.png');
		});

		await suite.test('every sample workflow is listed', async () => {
			await page.locator('[data-test-id="workflow-card-name"]').first().waitFor({ state: 'visible' });
			// The list fills in as it loads: wait until every printed name is on the page.
			const names = banner.workflows.map((w) => w.name);
			const deadline = Date.now() + 30_000;
			let listed = [];
			for (;;) {
				listed = await page.locator('[data-test-id="workflow-card-name"]').allInnerTexts();
				if (names.every((n) => listed.some((l) => l.includes(n))) || Date.now() > deadline) break;
				await sleep(500);
			}
			await shot(page, 'frontdoor-1-workflows.png');
			for (const name of names) assert.ok(listed.some((l) => l.includes(name)), `"${name}" in the list ${JSON.stringify(listed)}`);
		});

		const campaign =
			banner.workflows.find((w) => w.name === 'iP.1 example: personalised campaign from a list') ??
			banner.workflows.find((w) => /campaign/i.test(w.name));
		await suite.test('the campaign opens, executes, and the iP.1 node shows its output', async () => {
			assert.ok(campaign, 'dev listed a campaign workflow');
			await page.locator('[data-test-id="workflow-card-name"]', { hasText: campaign.name }).first().click();
			const run = page.locator('[data-test-id="execute-workflow-button"]').first();
			await run.waitFor({ state: 'visible' });
			await sleep(1000);
			await run.click();
			const sms = page.locator('[data-test-id="canvas-node"]', { hasText: /Send/ }).filter({ has: page.locator('[data-test-id="canvas-node-status-success"]') });
			await sms.first().waitFor({ state: 'visible', timeout: 120_000 });
			await sleep(1500);
			await shot(page, 'frontdoor-2-campaign-executed.png');
			await page.locator('[data-test-id="canvas-node"]', { hasText: /Send/ }).first().dblclick();
			// n8n 2.x names the node panel's output side `output-panel` (older editors `ndv-output-panel`).
			const output = page.locator('[data-test-id="output-panel"], [data-test-id="ndv-output-panel"]').first();
			await output.waitFor({ state: 'visible' });
			// The table view: each recipient's row shows its number and message id.
			const deadline = Date.now() + 30_000;
			let text = '';
			while (Date.now() < deadline) {
				text = await output.innerText();
				if (/46701234001/.test(text) && /messageId/i.test(text)) break;
				await sleep(500);
			}
			await shot(page, 'frontdoor-3-sms-output.png');
			assert.match(text, /46701234001/, 'the first recipient is in the output');
			assert.match(text, /messageId/i, 'a message id is in the output');
			assert.doesNotMatch(text, /ip1-sandbox-demo-token/, 'the token is not in the output');
		});
	} catch (error) {
		failedBeforeEnd = true;
		suite.fail('front door', error);
	} finally {
		if (page && suite.failed) await shot(page, 'frontdoor-failure.png');
		await browser?.close().catch(() => {});
	}

	if (dev) {
		await suite.test('Ctrl-C stops dev and everything it started', async () => {
			if (!tree.length) tree = processTree(dev.child.pid);
			killDev(dev, 'SIGINT');
			const ended = await Promise.race([dev.exited, sleep(60_000).then(() => null)]);
			assert.ok(ended, 'dev ended within 60 s of Ctrl-C');
			await sleep(1000);
			const table = processTable();
			const left = tree.filter((p) => table.get(p.pid)?.start === p.start);
			assert.deepEqual(left.map((p) => `${p.pid} ${p.cmd.slice(0, 120)}`), [], 'no process of dev\'s tree is left');
			assert.deepEqual(processesIn(dataDir).map((p) => `${p.pid} ${p.cmd.slice(0, 120)}`), [], 'nothing runs in its data folder');
			for (const line of dev.lines) {
				const m = line.match(/127\.0\.0\.1:(\d+)/);
				if (m) assert.ok(await portIsFree(Number(m[1])), `port ${m[1]} is free again`);
			}
			say(`${tree.length} processes checked: ${tree.map((p) => p.cmd.split(' ').slice(0, 3).join(' ').slice(0, 60)).join(' | ')}`);
		});
		killDev(dev, 'SIGKILL');
	}

	say(`${suite.passed} passed, ${suite.failed} failed (${Math.round((Date.now() - t0) / 1000)} s)`);
	if (suite.failed || failedBeforeEnd || args.includes('--keep-data')) say(`data folder kept: ${dataDir}`);
	else rmSync(dataDir, { recursive: true, force: true });
	process.exit(suite.failed ? 1 : 0);
}

/** A signal to dev's whole process group, as a terminal sends Ctrl-C to its foreground job. */
function killDev(dev, signal) {
	try {
		process.kill(-dev.child.pid, signal);
	} catch {
		// already gone
	}
}

main();
