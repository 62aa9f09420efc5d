import { runNode } from '../harness/engine';
import { useSandbox } from '../harness/sandbox';

/*
 * Errors of a tool call are all an AI agent's model sees of it (n8n 2.x hands it `{ error: message }`).
 * In a normal execution they speak to the workflow's author ("Item 0 …", "set Default Country Code");
 * run as a tool (`rewireOutputLogTo: ai_tool`, as n8n marks an agent's tool call) they say what the
 * model can do: pass the number in the international format.
 */
const fixture = useSandbox();

const send = (recipients: string, message = 'Hej!') => ({
	resource: 'sms',
	operation: 'send',
	mode: 'perItem',
	sender: { __rl: true, mode: 'name', value: 'iP1' },
	recipients,
	message,
});

function errorText(result: Awaited<ReturnType<typeof runNode>>): string {
	return `${result.error?.message ?? ''} | ${result.error?.description ?? ''}`;
}

describe('errors of a tool call, in words a model can act on', () => {
	test('a national number: "use the international format +46…", no item number, no Default Country Code; nothing sent', async () => {
		const account = fixture.newAccount();
		const before = fixture.sandbox.control.countRequests();
		const result = await runNode({ parameters: send('070 123 45 67'), credentials: account, asTool: true });
		expect(result.error?.message).toBe(
			'"Recipients" has an invalid phone number: "070 123 45 67" is a national number (starts with 0), without its country code. ' +
				'Write the number in the international format: + and the country code, then the number without its leading 0 ' +
				'(070 123 45 67 in Sweden is +46701234567), and call the tool again with every number written so. Nothing was sent.',
		);
		expect(errorText(result)).not.toMatch(/Item 0|Default Country Code/);
		expect(fixture.sandbox.control.countRequests()).toBe(before);
	});

	test('the same input in a normal execution keeps the author-facing wording', async () => {
		const result = await runNode({ parameters: send('070 123 45 67'), credentials: fixture.newAccount() });
		expect(result.error?.message).toMatch(/^Item 0: "Recipients" has an invalid phone number: "070 123 45 67" is a national number \(starts with 0\): set "Default Country Code"/);
		expect(result.error?.description).toMatch(/set "Default Country Code" in the options/);
	});

	test('a number that fits no country: what is wrong and the format, in the message itself', async () => {
		const result = await runNode({ parameters: send('+46 70 12'), credentials: fixture.newAccount(), asTool: true });
		expect(result.error?.message).toMatch(/^"Recipients" has an invalid phone number: "\+46 70 12" must have 7 to 15 digits/);
		expect(result.error?.message).toMatch(/international format: \+ and the country code/);
	});

	test('Send and Wait\'s "To" as a tool: the international format, nothing sent', async () => {
		const account = fixture.newAccount();
		const before = fixture.sandbox.control.countRequests();
		const result = await runNode({
			parameters: { resource: 'sms', operation: 'sendAndWait', sender: { __rl: true, mode: 'name', value: 'iP1' }, sendTo: '0701234567', message: 'JA?' },
			credentials: account,
			asTool: true,
		});
		expect(result.error?.message).toMatch(/^"To" is a national number \(starts with 0\), without its country code \(got "0701234567"\)\. Write the number in the international format/);
		expect(result.error?.message).toMatch(/Nothing was sent\.$/);
		expect(fixture.sandbox.control.countRequests()).toBe(before);
	});

	test('an error that is no input error (the API refuses the token) keeps its words, with its description, in the message', async () => {
		const result = await runNode({ parameters: send('+46701234567'), credentials: { ...fixture.newAccount(), apiToken: 'ip1-wrong-token' }, asTool: true });
		expect(result.error?.message).not.toMatch(/^Item \d/);
		expect(result.error?.message).toMatch(/401|token/i);
		expect(result.error?.message).not.toContain('ip1-wrong-token');
	});

	test('a message over 2,000 characters: the limit and its length', async () => {
		const result = await runNode({ parameters: send('+46701234567', 'x'.repeat(2001)), credentials: fixture.newAccount(), asTool: true });
		expect(result.error?.message).toBe('"Message" may have at most 2000 characters (it has 2001). Shorten the text: iP.1 refuses longer messages. 2000 characters are already about 14 SMS parts.');
	});
});

describe('"Continue On Fail" items of a tool call', () => {
	test('the failed item carries the model\'s wording; the good one is sent', async () => {
		const account = fixture.newAccount();
		const result = await runNode({
			parameters: send('={{ $json.to }}'),
			items: [{ to: '0701234567' }, { to: '+46701234567' }],
			credentials: account,
			continueOnFail: true,
			asTool: true,
		});
		const json = result.items.map((item) => item.json);
		expect(json[0]).toEqual({ error: expect.stringMatching(/^"Recipients" has an invalid phone number: "0701234567" is a national number \(starts with 0\), without its country code\. Write the number in the international format/) });
		expect(json[1]).toMatchObject({ to: '46701234567', status: expect.any(String) });
	});

	test('in a normal execution the failed item keeps the author\'s wording and description', async () => {
		const result = await runNode({ parameters: send('={{ $json.to }}'), items: [{ to: '0701234567' }], credentials: fixture.newAccount(), continueOnFail: true });
		expect(result.items[0].json).toEqual({
			error: expect.stringMatching(/^Item 0: "Recipients" has an invalid phone number/),
			errorDescription: expect.stringMatching(/set "Default Country Code" in the options/),
		});
	});
});
