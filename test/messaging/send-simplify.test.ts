import { useSandbox } from '../harness/sandbox';
import { SEND, jsonOf, pairedIndexes, run } from './helpers';

const fixture = useSandbox();

afterEach(() => fixture.sandbox.control.reset());

/** The send parameters as a new node has them: Simplify left at its default. */
const DEFAULTS = Object.fromEntries(Object.entries(SEND).filter(([name]) => name !== 'simplify'));

/** What a person reads in the Table view: the flat fields, no nested request or answer. */
const FLAT_KEYS = ['to', 'messageId', 'status', 'text', 'segments', 'encoding', 'batchId', 'reference', 'price', 'currency'];

describe('Simplify (on by default): one flat item per recipient', () => {
	test('One Batch per Item, the default: flat fields only, each recipient its own item paired to its input', async () => {
		const result = await run(fixture, {
			parameters: { ...DEFAULTS, recipients: '={{ $json.phones }}', message: 'Your table is ready' },
			items: [{ phones: '46701230001, 46701230002' }, { phones: '46701230003' }],
		});
		expect(result.error).toBeUndefined();
		const outputs = jsonOf(result);
		expect(pairedIndexes(result)).toEqual([0, 0, 1]);
		expect(outputs.map((output) => output.to)).toEqual(['46701230001', '46701230002', '46701230003']);
		const messages = fixture.sandbox.control.state(fixture.sandbox.token).messages;
		for (const output of outputs) {
			expect(Object.keys(output)).toEqual(FLAT_KEYS);
			expect(output.messageId).toBe(messages.find((message) => message.recipient === output.to)?.id);
			expect(output.status).toBe('Accepted');
			expect(output.text).toBe('Your table is ready');
		}
	});

	test('personalised: flat too; warnings stay on the item when there are any; Simplify off adds detail', async () => {
		fixture.sandbox.control.setVariants({ sendResponse: 'batch' });
		const parameters = {
			...DEFAULTS,
			mode: 'personalised',
			recipients: '={{ $json.phone }}',
			message: 'Hi {name}',
			personalisation: { values: [{ name: 'name', value: '={{ $json.name }}' }] },
			options: { lookUpMessageIds: false },
		};
		const items = [{ phone: '46701230011', name: 'Ada' }, { phone: '46701230012', name: 'Bo' }];
		const simple = jsonOf(await run(fixture, { parameters, items }));
		expect(simple.map((output) => output.text)).toEqual(['Hi Ada', 'Hi Bo']);
		for (const output of simple) {
			expect(output.detail).toBeUndefined();
			expect((output.warnings as string[]).join(' ')).toMatch(/Look Up Missing Message IDs/);
		}
		const full = jsonOf(await run(fixture, { parameters: { ...parameters, simplify: false }, items }));
		for (const output of full) expect(output.detail).toEqual(expect.objectContaining({ request: expect.any(Object), response: expect.any(Object) }));
	});
});
