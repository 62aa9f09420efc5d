/** Each resource's operations: one missing from the router, or misspelt in display options, does not compile. */
interface OperationsByResource {
	account: 'getDetails' | 'getOverview';
	batch: 'cancel' | 'get' | 'getAll';
	blacklist: 'add' | 'check' | 'get' | 'getAll' | 'remove';
	contact: 'create' | 'delete' | 'deleteMany' | 'get' | 'getAll' | 'getSummary' | 'replace' | 'update';
	conversation: 'getMessages' | 'getSummary';
	label: 'addToContacts' | 'delete' | 'getAll';
	landingPage: 'create' | 'delete' | 'get' | 'getAll' | 'update';
	landingPageElement: 'get' | 'getAll' | 'update';
	message: 'get' | 'getAll';
	sender: 'get' | 'getAll' | 'register' | 'unregister';
	setting: 'delete' | 'get' | 'getAll' | 'set';
	sms: 'send' | 'sendAndWait' | 'sendAndWaitForDelivery';
	subAccount: 'create' | 'get' | 'getAll' | 'update';
}

export type Resource = keyof OperationsByResource;
export type OperationOf<R extends Resource> = OperationsByResource[R];
