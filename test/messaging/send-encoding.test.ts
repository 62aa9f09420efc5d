import type { IDataObject, INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { sendFields } from '../../nodes/Ip1Sms/actions/sms/fields';
import { useSandbox } from '../harness/sandbox';
import { SEND, jsonOf, run, sentBodies } from './helpers';

const fixture = useSandbox();

beforeEach(() => fixture.sandbox.control.clearRequests());

const GSM_TEXT = 'Your parcel is ready for pick-up at the Main Street store. Bring ID. Open 9-18 today.';
const PERSONALISED: INodeParameters = {
	...SEND,
	mode: 'personalised',
	recipients: '={{ $json.phone }}',
	message: 'Hi {name}, your table is ready',
	personalisation: { values: [{ name: 'name', value: '={{ $json.name }}' }] },
};

function messageOf(output: IDataObject): IDataObject {
	return ((output.detail as IDataObject).response as IDataObject).message as IDataObject;
}

describe('Encoding: what is requested is sent explicitly and shown, never a cheaper one', () => {
	test('the option offers Auto (the default), GSM and Unicode, and no longer promises that Unicode sends GSM texts as GSM', () => {
		const options = sendFields.find((field) => field.name === 'options');
		const encoding = (options?.options as INodeProperties[]).find((option) => option.name === 'encoding');
		expect(encoding?.default).toBe('auto');
		const choices = encoding?.options as INodePropertyOptions[];
		expect(choices.map((choice) => [choice.name, choice.value])).toEqual([
			['Auto', 'auto'],
			['GSM', 'gsm'],
			['Unicode', 'ucs'],
		]);
		expect(choices.find((choice) => choice.value === 'ucs')?.description).not.toMatch(/still sent as GSM/);
	});

	test('Auto, text fitting GSM-7: datacoding gsm is sent explicitly; output gsm with GSM segments, as iP.1 stored it', async () => {
		const result = await run(fixture, { parameters: { ...SEND, recipients: '46707000001', message: GSM_TEXT } });
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture)[0].datacoding).toBe(0);
		const [output] = jsonOf(result);
		expect(output).toMatchObject({ encoding: 'gsm', segments: 1, detail: { request: { encoding: 'gsm' } } });
		expect(output.detail).toMatchObject({ billedEncoding: 'gsm', billedSegments: 1 });
		expect(output.warnings).toBeUndefined();
	});

	test('Auto, text needing Unicode: datacoding ucs is sent; output ucs with UCS-2 segments', async () => {
		const text = `${GSM_TEXT} Tack så mycket! 😀`;
		const result = await run(fixture, { parameters: { ...SEND, recipients: '46707000002', message: text } });
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture)[0].datacoding).toBe(2);
		const [output] = jsonOf(result);
		expect(output).toMatchObject({ encoding: 'ucs', segments: 2, detail: { billedEncoding: 'ucs', billedSegments: 2, request: { encoding: 'ucs' } } });
	});

	test('Unicode chosen for a GSM text: the output shows ucs and UCS-2 parts (what was requested); iP.1\'s own answer is shown beside it with a warning', async () => {
		const result = await run(fixture, { parameters: { ...SEND, recipients: '46707000003', message: GSM_TEXT, options: { encoding: 'ucs' } } });
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture)[0].datacoding).toBe(2);
		const [output] = jsonOf(result);
		// 85 characters: 1 part in GSM-7, 2 in UCS-2.
		expect(output).toMatchObject({ encoding: 'ucs', segments: 2, detail: { characters: 85, request: { encoding: 'ucs' } } });
		// This sandbox stores the smallest coding (one documented reading): its answer is reported, not adopted.
		expect(messageOf(output)).toMatchObject({ datacoding: 'gsm', segments: 1 });
		expect(output.detail).toMatchObject({ billedEncoding: 'gsm', billedSegments: 1 });
		expect(output.warnings).toEqual([expect.stringMatching(/requested ucs \(2 parts per recipient\).*iP\.1 reports gsm \(1 part\)/)]);
	});

	test('GSM chosen: datacoding gsm, GSM segments', async () => {
		const result = await run(fixture, { parameters: { ...SEND, recipients: '46707000004', message: 'a'.repeat(161), options: { encoding: 'gsm' } } });
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture)[0].datacoding).toBe(0);
		expect(jsonOf(result)[0]).toMatchObject({ encoding: 'gsm', segments: 2, detail: { billedSegments: 2 } });
	});

	test('personalised Auto: judged on the substituted texts of each request; Unicode recipients go in their own ucs request', async () => {
		const items = [
			{ phone: '46707000011', name: 'Ann' },
			{ phone: '46707000012', name: 'Zoë 😀' },
			{ phone: '46707000013', name: 'Åsa' },
		];
		const result = await run(fixture, { parameters: PERSONALISED, items });
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture).map((body) => [body.datacoding, Object.keys(body.recipients as IDataObject)])).toEqual([
			[0, ['46707000011', '46707000013', 'default']],
			[2, ['46707000012', 'default']],
		]);
		const outputs = jsonOf(result);
		expect(outputs.map((output) => [output.encoding, output.segments, (output.detail as IDataObject).billedEncoding])).toEqual([
			['gsm', 1, 'gsm'],
			['ucs', 1, 'ucs'],
			['gsm', 1, 'gsm'],
		]);
		expect(outputs[2].batchId).toBe(outputs[0].batchId);
		expect(outputs[1].batchId).not.toBe(outputs[0].batchId);
	});

	test('personalised Unicode: every request is ucs, and outputs count UCS-2 parts', async () => {
		const items = [{ phone: '46707000021', name: 'x'.repeat(60) }];
		const result = await run(fixture, { parameters: { ...PERSONALISED, options: { encoding: 'ucs' } }, items });
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture)[0].datacoding).toBe(2);
		expect(jsonOf(result)[0]).toMatchObject({ encoding: 'ucs', segments: 2 });
	});
});
