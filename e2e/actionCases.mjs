// Action-node workflows run in the real n8n with `n8n execute --id <id> --rawOutput`, one per area.
// Each case lists the resources it covers (the suite fails when a resource of the node has no case)
// and checks the node outputs AND what the sandbox saw.
import { assert } from './harness.mjs';
import { chainWorkflow } from './workflows.mjs';

const step = (name, resource, operation, extra = {}) => ({ name, parameters: { resource, operation, ...extra } });
const first = (node, field) => `={{ $('${node}').first().json.${field} }}`;

/** Output items (json) of a node in an IRun's runData. */
export function outputOf(run, node) {
	const runs = run.data.resultData.runData[node];
	assert.ok(runs, `node "${node}" did not run`);
	assert.equal(runs[0].error, undefined, `node "${node}" failed: ${runs[0].error?.message}`);
	return (runs[0].data?.main?.[0] ?? []).map((item) => item.json);
}

export const actionCases = [
	{
		id: 'e2eAccount000001',
		name: 'E2E account and sub-accounts',
		resources: ['account', 'subAccount'],
		steps: [
			step('Overview', 'account', 'getOverview'),
			step('Details', 'account', 'getDetails'),
			step('Create Sub-Account', 'subAccount', 'create', { name: 'Shop Stockholm' }),
			step('Get Sub-Account', 'subAccount', 'get', { subAccountId: first('Create Sub-Account', 'id') }),
			step('Rename Sub-Account', 'subAccount', 'update', { subAccountId: first('Create Sub-Account', 'id'), name: 'Shop Göteborg' }),
			step('List Sub-Accounts', 'subAccount', 'getAll', { returnAll: true }),
		],
		check(run, { home }) {
			const [overview] = outputOf(run, 'Overview');
			assert.equal(overview.account, home.accountId);
			assert.equal(overview.organization, 'Demo Organization AB');
			assert.equal(typeof overview.balance, 'number');
			const [details] = outputOf(run, 'Details');
			assert.equal(details.id, home.accountId);
			assert.equal(details.keyMasked, true, 'the API key is masked by default');
			const [created] = outputOf(run, 'Create Sub-Account');
			assert.equal(created.parent, home.accountId);
			assert.equal(created.name, 'Shop Stockholm');
			assert.equal(outputOf(run, 'Get Sub-Account')[0].id, created.id);
			assert.equal(outputOf(run, 'Rename Sub-Account')[0].name, 'Shop Göteborg');
			const all = outputOf(run, 'List Sub-Accounts');
			assert.deepEqual(
				all.filter((a) => a.id === created.id).map((a) => a.name),
				['Shop Göteborg'],
			);
			assert.equal(home.control.state(created.id).name, 'Shop Göteborg', 'the sandbox holds the renamed sub-account');
			assert.ok(home.control.state(home.token).children.includes(created.id));
		},
	},
	{
		id: 'e2eMessaging0001',
		name: 'E2E senders, SMS, batches, messages, conversations',
		resources: ['sender', 'sms', 'batch', 'message', 'conversation'],
		steps: [
			step('Register Sender', 'sender', 'register', { sender: 'Shop' }),
			step('List Senders', 'sender', 'getAll', { returnAll: true }),
			step('Get Sender', 'sender', 'get', { registeredSender: 'Acme' }),
			step('Unregister Sender', 'sender', 'unregister', { registeredSender: 'Shop' }),
			step('Send', 'sms', 'send', {
				mode: 'perItem',
				// As the editor saves a sender chosen from the list.
				sender: { __rl: true, mode: 'list', value: 'Acme', cachedResultName: 'Acme' },
				recipients: '+46 70 111 22 33, 0046701112234',
				message: 'Your order has shipped',
				options: { reference: 'e2e-order-1' },
			}),
			step('List Batches', 'batch', 'getAll', { returnAll: true }),
			step('Get Batch', 'batch', 'get', { batchId: first('Send', 'batchId') }),
			step('List Messages', 'message', 'getAll', { batchId: first('Send', 'batchId'), returnAll: true }),
			step('Get Message', 'message', 'get', { batchId: first('Send', 'batchId'), messageId: first('List Messages', 'id') }),
			step('Conversation Summary', 'conversation', 'getSummary', { participant: '46701112233' }),
			step('Conversation Messages', 'conversation', 'getMessages', { participant: '46701112233', returnAll: true }),
			step('Cancel Batch', 'batch', 'cancel', { batchId: first('Send', 'batchId') }),
		],
		check(run, { home }) {
			assert.equal(outputOf(run, 'Register Sender')[0].sender, 'Shop');
			const senders = outputOf(run, 'List Senders').map((s) => s.sender);
			assert.ok(senders.includes('Acme') && senders.includes('Shop'), `senders: ${senders}`);
			assert.equal(outputOf(run, 'Get Sender')[0].sender, 'Acme');
			assert.equal(outputOf(run, 'Unregister Sender')[0].unregistered, true);
			const sentItems = outputOf(run, 'Send');
			const [sent] = sentItems;
			assert.deepEqual(sentItems.map((s) => s.to), ['46701112233', '46701112234'], 'one item per recipient, numbers normalised to MSISDN');
			assert.ok(sentItems.every((s) => s.reference === 'e2e-order-1' && s.batchId === sent.batchId));
			assert.equal(new Set(sentItems.map((s) => s.messageId).filter(Boolean)).size, 2);
			assert.ok(outputOf(run, 'List Batches').some((b) => b.id === sent.batchId));
			const [batch] = outputOf(run, 'Get Batch');
			assert.equal(batch.id, sent.batchId);
			assert.equal(batch.body, 'Your order has shipped');
			const messages = outputOf(run, 'List Messages');
			assert.deepEqual(messages.map((m) => m.recipient).sort(), ['46701112233', '46701112234']);
			assert.equal(outputOf(run, 'Get Message')[0].id, messages[0].id);
			assert.equal(outputOf(run, 'Conversation Summary')[0].participant, '46701112233');
			assert.ok(outputOf(run, 'Conversation Messages').some((m) => m.batchId === sent.batchId));
			const [canceled] = outputOf(run, 'Cancel Batch');
			assert.equal(canceled.id, sent.batchId);
			assert.equal(home.control.countRequests({ method: 'POST', path: '/v2/batches' }), 1, 'exactly one batch POSTed');
		},
	},
	{
		id: 'e2ePersonalise01',
		name: 'E2E personalised campaign from a list',
		resources: ['sms', 'contact'],
		steps: [
			step('Contacts', 'contact', 'getAll', { returnAll: true }),
			step(
				'Send Personalised',
				'sms',
				'send',
				{
					mode: 'personalised',
					sender: 'Acme',
					recipients: '={{ $json.properties.phoneNumber }}',
					message: 'Hi {firstName}, spring sale in {city}!',
					personalisation: { values: [{ name: 'firstName', value: '={{ $json.properties.firstName }}' }] },
					defaultValues: { values: [{ name: 'city', value: 'Stockholm' }] },
					options: { reference: 'e2e-campaign' },
				},
			),
		],
		patch(workflow) {
			// The send must see every contact, not only the first item.
			workflow.nodes.find((n) => n.name === 'Send Personalised').executeOnce = false;
		},
		check(run, { home }) {
			const contacts = outputOf(run, 'Contacts');
			assert.equal(contacts.length, 12, 'the seeded demo account has 12 contacts');
			const out = outputOf(run, 'Send Personalised');
			assert.ok(out.length >= 1);
			const posts = home.control.requests.filter((r) => r.method === 'POST' && r.path === '/v2/batches');
			const campaign = posts.filter((r) => JSON.stringify(r.body ?? '').includes('e2e-campaign'));
			assert.equal(campaign.length, 1, 'one personalised batch for 12 items');
			const body = JSON.stringify(campaign[0].body);
			assert.ok(body.includes('Astrid') && body.includes('Karin'), 'per-recipient values sent');
		},
	},
	{
		id: 'e2eAudience00001',
		name: 'E2E contacts, labels, blacklist',
		resources: ['contact', 'label', 'blacklist'],
		steps: [
			step('Create Contact', 'contact', 'create', { phoneNumber: '0046 70 555 00 02', additionalFields: { firstName: 'Ada' } }),
			step('Get Contact', 'contact', 'get', { contactId: first('Create Contact', 'id') }),
			step('Update Contact', 'contact', 'update', { contactId: first('Create Contact', 'id'), updateFields: { lastName: 'Lovelace' } }),
			step('Replace Contact', 'contact', 'replace', {
				contactId: first('Create Contact', 'id'),
				phoneNumber: '46705550003',
				additionalFields: { firstName: 'Grace' },
			}),
			step('Label Contact', 'label', 'addToContacts', { labelName: 'e2e', contactIds: first('Create Contact', 'id') }),
			step('List Labels', 'label', 'getAll', { returnAll: true }),
			step('Delete Label', 'label', 'delete', { existingLabel: 'e2e' }),
			step('Contact Summary', 'contact', 'getSummary'),
			step('Delete Contact', 'contact', 'delete', { contactId: first('Create Contact', 'id') }),
			step('Delete Many Without Filter', 'contact', 'deleteMany', { deleteAll: false, filters: {} }),
			step('Block Number', 'blacklist', 'add', { phoneNumber: '+46 70 555 00 01' }),
			step('Check Number', 'blacklist', 'check', { phoneNumber: '46705550001' }),
			step('Get Blocked', 'blacklist', 'get', { phoneNumber: '46705550001' }),
			step('List Blocked', 'blacklist', 'getAll', { returnAll: true }),
			step('Unblock Number', 'blacklist', 'remove', { phoneNumber: '46705550001' }),
			step('List Contacts', 'contact', 'getAll', { returnAll: true }),
		],
		patch(workflow) {
			workflow.nodes.find((n) => n.name === 'Delete Many Without Filter').onError = 'continueRegularOutput';
		},
		check(run, { home }) {
			const [created] = outputOf(run, 'Create Contact');
			assert.equal(created.properties.phoneNumber, '+46705550002');
			assert.equal(outputOf(run, 'Get Contact')[0].properties.firstName, 'Ada');
			assert.equal(outputOf(run, 'Update Contact')[0].properties.lastName, 'Lovelace');
			const [replaced] = outputOf(run, 'Replace Contact');
			assert.equal(replaced.properties.firstName, 'Grace');
			assert.equal(replaced.properties.lastName, undefined, 'replace drops fields not given');
			assert.equal(outputOf(run, 'Label Contact')[0].labelName, 'e2e');
			assert.ok(outputOf(run, 'List Labels').some((l) => l.labelName === 'e2e'));
			assert.equal(outputOf(run, 'Delete Label')[0].deleted, true);
			assert.equal(outputOf(run, 'Contact Summary')[0].totalCount, 13);
			assert.equal(outputOf(run, 'Delete Contact')[0].deleted, true);
			const [refused] = outputOf(run, 'Delete Many Without Filter');
			assert.match(refused.error, /EVERY contact/, 'deleting all contacts without a filter is refused');
			assert.equal(home.control.countRequests({ method: 'DELETE', path: '/v2/contacts' }), 0, 'and nothing was deleted');
			assert.equal(outputOf(run, 'Block Number')[0].msisdn, '46705550001');
			assert.equal(outputOf(run, 'Check Number')[0].blocked, true);
			assert.equal(outputOf(run, 'Get Blocked')[0].msisdn, '46705550001');
			assert.ok(outputOf(run, 'List Blocked').some((b) => b.msisdn === '46705550001'));
			assert.equal(outputOf(run, 'Unblock Number')[0].removed, true);
			assert.equal(outputOf(run, 'List Contacts').length, 12, 'the created contact is gone');
		},
	},
	{
		id: 'e2eSettings00001',
		name: 'E2E settings and landing pages',
		resources: ['setting', 'landingPage', 'landingPageElement'],
		steps: [
			step('Set Callback', 'setting', 'set', { settingKey: 'IncomingCallbackUrl', value: 'https://example.org/inbound' }),
			step('Get Callback', 'setting', 'get', { settingKey: 'IncomingCallbackUrl' }),
			step('List Settings', 'setting', 'getAll', { returnAll: true }),
			step('Delete Callback', 'setting', 'delete', { settingKey: 'IncomingCallbackUrl' }),
			step('Create Page', 'landingPage', 'create', { pageName: 'E2E page' }),
			step('List Pages', 'landingPage', 'getAll', { returnAll: true }),
			step('Get Page', 'landingPage', 'get', { landingPageId: first('Create Page', 'id') }),
			step('Rename Page', 'landingPage', 'update', { landingPageId: first('Create Page', 'id'), updateFields: { name: 'E2E renamed' } }),
			step('List Elements', 'landingPageElement', 'getAll', { landingPageId: first('Create Page', 'id'), returnAll: true }),
			step('Get Element', 'landingPageElement', 'get', {
				landingPageId: first('Create Page', 'id'),
				elementId: first('List Elements', 'id'),
			}),
			step('Update Element', 'landingPageElement', 'update', {
				landingPageId: first('Create Page', 'id'),
				elementId: first('List Elements', 'id'),
				updateFields: { content: 'New text' },
			}),
			step('Delete Page', 'landingPage', 'delete', { landingPageId: first('Create Page', 'id') }),
		],
		check(run, { home }) {
			assert.equal(outputOf(run, 'Set Callback')[0].value, 'https://example.org/inbound');
			assert.equal(outputOf(run, 'Get Callback')[0].isSet, true);
			assert.ok(outputOf(run, 'List Settings').some((s) => s.key === 'IncomingCallbackUrl'));
			assert.equal(outputOf(run, 'Delete Callback')[0].deleted, true);
			assert.equal(home.control.state(home.token).settings.IncomingCallbackUrl, undefined, 'the setting is gone');
			const [page] = outputOf(run, 'Create Page');
			assert.equal(page.name, 'E2E page');
			assert.ok(outputOf(run, 'List Pages').some((p) => p.id === page.id));
			assert.equal(outputOf(run, 'Get Page')[0].id, page.id);
			assert.equal(outputOf(run, 'Rename Page')[0].name, 'E2E renamed');
			const elements = outputOf(run, 'List Elements');
			assert.ok(elements.length >= 1);
			assert.equal(outputOf(run, 'Get Element')[0].id, elements[0].id);
			assert.equal(outputOf(run, 'Update Element')[0].content, 'New text');
			assert.equal(outputOf(run, 'Delete Page')[0].deleted, true);
		},
	},
];

/** A workflow that fails on purpose (wrong token): its error must name the problem, never the token. */
export const errorCase = {
	id: 'e2eWrongToken001',
	name: 'E2E wrong token',
	steps: [step('Overview', 'account', 'getOverview')],
};

export function caseWorkflow(c, options) {
	const workflow = chainWorkflow(c.id, c.name, c.steps, options);
	c.patch?.(workflow);
	return workflow;
}
