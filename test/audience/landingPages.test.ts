import type { IDataObject } from 'n8n-workflow';

import type { SandboxCredentials } from '../harness/engine';
import { useSandbox } from '../harness/sandbox';
import { expectInputError, jsonOf, pairedIndexes, requestsTo, run, runOk } from './helpers';

const fixture = useSandbox();
const PAGE = { resource: 'landingPage' };
const ELEMENT = { resource: 'landingPageElement' };

async function createPage(credentials: SandboxCredentials, name: string, other = '{}'): Promise<IDataObject> {
	const [page] = await runOk({
		credentials,
		parameters: { ...PAGE, operation: 'create', pageName: name, additionalFields: { otherFields: other } },
	});
	return page;
}

describe('Landing Page', () => {
	test('Create sends the name and the other fields, and outputs the page with its links and elements', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.clearRequests();
		const page = await createPage(credentials, 'Spring sale', '{ "theme": "dark", "views": { "2021": 5 } }');
		expect(page).toMatchObject({
			id: expect.stringMatching(/^[0-9a-f]{24}$/),
			name: 'Spring sale',
			theme: 'dark',
			views: {},
			link: expect.stringContaining(String(page.id)),
			shortLink: expect.any(String),
			lastModified: expect.any(String),
			elements: [expect.objectContaining({ type: 'Title', content: 'Spring sale' })],
		});
		// Fields iP.1 manages (views, links, elements) are never sent.
		expect(requestsTo(fixture, 'POST', '/v2/landings')[0].body).toEqual({ theme: 'dark', name: 'Spring sale' });
	});

	test('Get, Get Many (Return All / Limit) and Delete', async () => {
		const credentials = fixture.newAccount();
		const pages = [];
		for (const name of ['A', 'B', 'C']) pages.push(await createPage(credentials, name));
		const one = await runOk({ credentials, parameters: { ...PAGE, operation: 'get', landingPageId: pages[1].id as string } });
		expect(one[0]).toMatchObject({ id: pages[1].id, name: 'B' });
		const all = await runOk({ credentials, parameters: { ...PAGE, operation: 'getAll', returnAll: true } });
		expect(all.map((page) => page.name)).toEqual(['A', 'B', 'C']);
		fixture.sandbox.control.clearRequests();
		const two = await runOk({ credentials, parameters: { ...PAGE, operation: 'getAll', limit: 2 } });
		expect(two).toHaveLength(2);
		expect(requestsTo(fixture, 'GET', '/v2/landings')[0].query.limit).toBe('2');

		const deleted = await runOk({ credentials, parameters: { ...PAGE, operation: 'delete', landingPageId: pages[0].id as string } });
		expect(deleted).toEqual([{ id: pages[0].id, deleted: true }]);
		expect(requestsTo(fixture, 'DELETE', `/v2/landings/${String(pages[0].id)}`)).toHaveLength(1);
		expect(fixture.sandbox.control.state(credentials.apiToken).landings.map((page) => page.name)).toEqual(['B', 'C']);
	});

	test('Update changes only the given fields: the current page is read, merged and PUT back', async () => {
		const credentials = fixture.newAccount();
		const page = await createPage(credentials, 'Old name', '{ "theme": "dark", "footer": "Bye" }');
		fixture.sandbox.control.clearRequests();
		const output = await runOk({
			credentials,
			parameters: {
				...PAGE,
				operation: 'update',
				landingPageId: page.id as string,
				updateFields: { name: 'New name', otherFields: '{ "footer": "See you" }' },
			},
		});
		expect(output[0]).toMatchObject({ id: page.id, name: 'New name', theme: 'dark', footer: 'See you' });
		expect(output[0].elements).toHaveLength(1);
		const [put] = requestsTo(fixture, 'PUT', `/v2/landings/${String(page.id)}`);
		expect(put.body).toEqual({ name: 'New name', theme: 'dark', footer: 'See you' });
	});

	test('input errors before any request: empty name, bad JSON, nothing to update, missing ID', async () => {
		const credentials = fixture.newAccount();
		let error = await expectInputError(fixture, { credentials, parameters: { ...PAGE, operation: 'create', pageName: '  ' } });
		expect(error.message).toMatch(/"Name" is required/);
		error = await expectInputError(fixture, {
			credentials,
			parameters: { ...PAGE, operation: 'create', pageName: 'X', additionalFields: { otherFields: '[1, 2]' } },
		});
		expect(error.message).toMatch(/"Other Fields \(JSON\)" must be a JSON object/);
		error = await expectInputError(fixture, {
			credentials,
			parameters: { ...PAGE, operation: 'update', landingPageId: 'abc', updateFields: {} },
		});
		expect(error.message).toMatch(/"Update Fields" are empty/);
		error = await expectInputError(fixture, { credentials, parameters: { ...PAGE, operation: 'get', landingPageId: 'a/b' } });
		expect(error.message).toMatch(/"Landing Page" must be an ID/);
	});

	test('Continue On Fail: an unknown page returns its API error, the others succeed, paired', async () => {
		const credentials = fixture.newAccount();
		const page = await createPage(credentials, 'Real');
		const result = await run({
			credentials,
			continueOnFail: true,
			parameters: { ...PAGE, operation: 'get', landingPageId: '={{ $json.id }}' },
			items: [{ id: '000000000000000000000000' }, { id: page.id }],
		});
		expect(result.error).toBeUndefined();
		expect(pairedIndexes(result)).toEqual([[0], [1]]);
		expect(jsonOf(result)[0]).toMatchObject({ error: expect.stringMatching(/iP.1 API error 404/), httpCode: '404' });
		expect(jsonOf(result)[1]).toMatchObject({ id: page.id, name: 'Real' });
	});
});

describe('Landing Page Element', () => {
	test('Get Many and Get read the elements of a page', async () => {
		const credentials = fixture.newAccount();
		const page = await createPage(credentials, 'Welcome');
		const elements = await runOk({
			credentials,
			parameters: { ...ELEMENT, operation: 'getAll', landingPageId: page.id as string, returnAll: true },
		});
		expect(elements).toEqual([expect.objectContaining({ type: 'Title', content: 'Welcome', level: 1, bold: true })]);
		const [element] = await runOk({
			credentials,
			parameters: { ...ELEMENT, operation: 'get', landingPageId: page.id as string, elementId: elements[0].id as string },
		});
		expect(element).toEqual(elements[0]);
	});

	test('Update changes only the given fields; the element keeps its ID, type and other fields', async () => {
		const credentials = fixture.newAccount();
		const page = await createPage(credentials, 'Welcome');
		const [before] = await runOk({
			credentials,
			parameters: { ...ELEMENT, operation: 'getAll', landingPageId: page.id as string, returnAll: true },
		});
		fixture.sandbox.control.clearRequests();
		const [after] = await runOk({
			credentials,
			parameters: {
				...ELEMENT,
				operation: 'update',
				landingPageId: page.id as string,
				elementId: before.id as string,
				updateFields: { content: 'Hello!', italic: true, otherFields: '{ "subtitle": "Spring", "type": "Image" }' },
			},
		});
		expect(after).toEqual({ ...before, content: 'Hello!', italic: true, subtitle: 'Spring' });
		const [put] = requestsTo(fixture, 'PUT', `/v2/landings/${String(page.id)}/elements/${String(before.id)}`);
		expect((put.body as IDataObject).type).toBe('Title');
		expect(fixture.sandbox.control.countRequests({ method: 'GET', path: `/v2/landings/${String(page.id)}/elements/${String(before.id)}` })).toBe(1);
	});

	test('an element ID is required; nothing to update is refused before any request', async () => {
		const credentials = fixture.newAccount();
		let error = await expectInputError(fixture, {
			credentials,
			parameters: { ...ELEMENT, operation: 'get', landingPageId: 'abc', elementId: ' ' },
		});
		expect(error.message).toMatch(/"Element" is required/);
		error = await expectInputError(fixture, {
			credentials,
			parameters: { ...ELEMENT, operation: 'update', landingPageId: 'abc', elementId: 'def', updateFields: {} },
		});
		expect(error.message).toMatch(/"Update Fields" are empty/);
	});
});
