import { parseReplyArgs, sendReply } from '../../sandbox/replyCli';
import { useSandbox } from '../harness/sandbox';
import { setCallbackUrl, useWebhookServer } from '../trigger/harness/fixtures';

const fixture = useSandbox();
const web = useWebhookServer();

describe('npm run sandbox -- reply', () => {
	test('reads --from, --text (also --text=…), --to, --url, --token; the URL defaults to the sandbox port', () => {
		expect(parseReplyArgs(['--from', '46701234567', '--text=Ja tack'], {})).toEqual({
			url: 'http://127.0.0.1:8787',
			from: '46701234567',
			text: 'Ja tack',
			to: undefined,
			token: undefined,
		});
		expect(parseReplyArgs(['--from', '1', '--text', 'x', '--url', 'http://127.0.0.1:9000/'], { IP1_SANDBOX_PORT: '7000' }).url).toBe('http://127.0.0.1:9000');
		expect(parseReplyArgs(['--from', '1', '--text', 'x'], { IP1_SANDBOX_PORT: '7000' }).url).toBe('http://127.0.0.1:7000');
		expect(() => parseReplyArgs(['--text', 'x'], {})).toThrow(/--from and --text are required/);
		expect(() => parseReplyArgs(['--from', '1', '--text', 'x', '--loud'], {})).toThrow(/Unknown argument: --loud/);
	});

	test('posts an inbound SMS through POST /_sandbox/inbound ({from, text}); the sandbox delivers it to the IncomingCallbackUrl', async () => {
		const account = fixture.newAccount();
		await setCallbackUrl(fixture.sandbox, account, `${web.server.baseUrl}collect`);
		const message = await sendReply({ url: fixture.sandbox.url, from: '46701234567', text: 'JA', token: account.apiToken });
		await fixture.sandbox.control.settle();
		const stored = fixture.sandbox.control.state(account.apiToken).messages.find((m) => m.id === message.id);
		expect(stored).toMatchObject({ sender: '46701234567', body: 'JA' });
		const delivery = fixture.sandbox.control.webhookDeliveries.find((d) => d.url === `${web.server.baseUrl}collect`);
		expect(delivery).toMatchObject({ kind: 'inbound', payload: expect.objectContaining({ body: 'JA', sender: '46701234567' }) });
	});

	test('a refused reply says why', async () => {
		await expect(sendReply({ url: fixture.sandbox.url, from: '', text: 'JA' })).rejects.toThrow(/refused the reply \(400\).*from/);
	});
});
