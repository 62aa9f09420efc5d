/* eslint-disable @n8n/community-nodes/no-restricted-globals -- the sandbox is a Node dev tool (never published in dist/), not a node run by n8n */

// `npm run sandbox -- reply --from 46701234567 --text JA` — answers as a mobile user: an inbound SMS
// to a sandbox that runs in another process (`npm run sandbox`, `npm run dev`), through
// POST /_sandbox/inbound. The sandbox posts it to the account's IncomingCallbackUrl, where an active
// iP.1 SMS Trigger hands it to the Send and Wait execution that waits for that number.

export const REPLY_USAGE = `Usage: npm run sandbox -- reply --from <number> --text <text> [--to <virtual number>]
                          [--url <sandbox URL, default http://127.0.0.1:8787>] [--token <API token>]`;

export interface ReplyOptions {
	url: string;
	from: string;
	text: string;
	to?: string;
	token?: string;
}

export function parseReplyArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ReplyOptions {
	const values: Record<string, string> = {};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s, 2);
		if (!['--from', '--text', '--to', '--url', '--token'].includes(flag)) throw new Error(`Unknown argument: ${argv[i]}\n${REPLY_USAGE}`);
		const value = inline ?? argv[++i];
		if (value === undefined) throw new Error(`${flag} needs a value.\n${REPLY_USAGE}`);
		values[flag.slice(2)] = value;
	}
	if (!values.from || values.text === undefined) throw new Error(`--from and --text are required.\n${REPLY_USAGE}`);
	const port = env.IP1_SANDBOX_PORT ?? '8787';
	return { url: (values.url ?? `http://127.0.0.1:${port}`).replace(/\/+$/, ''), from: values.from, text: values.text, to: values.to, token: values.token };
}

/** Posts the reply; resolves with the sandbox's message document. */
export async function sendReply(options: ReplyOptions): Promise<{ id: string }> {
	const response = await fetch(`${options.url}/_sandbox/inbound`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ from: options.from, text: options.text, to: options.to, token: options.token }),
	});
	const body = (await response.json()) as { id: string };
	if (response.status !== 201) throw new Error(`The sandbox refused the reply (${response.status}): ${JSON.stringify(body)}`);
	return body;
}

export async function replyMain(argv: string[]): Promise<void> {
	try {
		const options = parseReplyArgs(argv);
		const message = await sendReply(options);
		process.stdout.write(`Inbound SMS ${message.id} from ${options.from}: "${options.text}" — posted to the account's IncomingCallbackUrl.\n`);
	} catch (error) {
		process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	}
}
