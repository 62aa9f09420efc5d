import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { toolCallError } from '../../shared/errors/toolErrors';
import * as account from './account';
import * as batch from './batch';
import { failuresForModel, isToolExecution } from './common/toolMode';
import * as blacklist from './blacklist';
import * as contact from './contact';
import * as conversation from './conversation';
import * as label from './label';
import * as landingPage from './landingPage';
import * as landingPageElement from './landingPageElement';
import * as message from './message';
import type { OperationOf, Resource } from './node.type';
import * as sender from './sender';
import * as setting from './setting';
import * as sms from './sms';
import * as subAccount from './subAccount';

/** What every `<op>.operation.ts` exports besides its description. */
interface Operation {
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

/**
 * resource → operation → execute. Each operation receives all input items: most handle them one by
 * one (common/items.ts forEachItem), some combine them into one request (personalised sends, imports).
 */
export const operations = {
	account: { getDetails: account.getDetails, getOverview: account.getOverview },
	batch: { cancel: batch.cancel, get: batch.get, getAll: batch.getAll },
	blacklist: {
		add: blacklist.add,
		check: blacklist.check,
		get: blacklist.get,
		getAll: blacklist.getAll,
		remove: blacklist.remove,
	},
	contact: {
		create: contact.create,
		delete: contact.delete,
		deleteMany: contact.deleteMany,
		get: contact.get,
		getAll: contact.getAll,
		getSummary: contact.getSummary,
		replace: contact.replace,
		update: contact.update,
	},
	conversation: { getMessages: conversation.getMessages, getSummary: conversation.getSummary },
	label: { addToContacts: label.addToContacts, delete: label.delete, getAll: label.getAll },
	landingPage: {
		create: landingPage.create,
		delete: landingPage.delete,
		get: landingPage.get,
		getAll: landingPage.getAll,
		update: landingPage.update,
	},
	landingPageElement: {
		get: landingPageElement.get,
		getAll: landingPageElement.getAll,
		update: landingPageElement.update,
	},
	message: { get: message.get, getAll: message.getAll },
	sender: {
		get: sender.get,
		getAll: sender.getAll,
		register: sender.register,
		unregister: sender.unregister,
	},
	setting: { delete: setting.delete, get: setting.get, getAll: setting.getAll, set: setting.set },
	sms: { send: sms.send, sendAndWait: sms.sendAndWait, sendAndWaitForDelivery: sms.sendAndWaitForDelivery },
	subAccount: {
		create: subAccount.create,
		get: subAccount.get,
		getAll: subAccount.getAll,
		update: subAccount.update,
	},
} satisfies { [R in Resource]: { [O in OperationOf<R>]: Operation } };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as Resource;
	const operation = this.getNodeParameter('operation', 0) as string;
	// A workflow may still name an operation this version does not have: refused in words below.
	const handler = (operations[resource] as Record<string, Operation> | undefined)?.[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	if (!isToolExecution(this)) return [await handler.execute.call(this, items)];
	try {
		return [failuresForModel(await handler.execute.call(this, items))];
	} catch (error) {
		// All an agent's model sees of a failed tool call is this message (shared/errors/toolErrors.ts).
		throw toolCallError(this.getNode(), error);
	}
}
