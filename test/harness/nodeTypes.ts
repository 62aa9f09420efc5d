import type { INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';

import { Ip1Sms } from '../../nodes/Ip1Sms/Ip1Sms.node';
import { Ip1SmsTrigger } from '../../nodes/Ip1SmsTrigger/Ip1SmsTrigger.node';

/** The package's node types as n8n registers them: `<package>.<node name>`. */
export const IP1_SMS_TYPE = 'n8n-nodes-ip1sms.ip1Sms';
export const IP1_SMS_TRIGGER_TYPE = 'n8n-nodes-ip1sms.ip1SmsTrigger';

const factories: Record<string, () => INodeType> = {
	[IP1_SMS_TYPE]: () => new Ip1Sms(),
	[IP1_SMS_TRIGGER_TYPE]: () => new Ip1SmsTrigger(),
};

/** Lets other test helpers register more node types (the trigger, helper nodes). */
export function registerNodeType(type: string, factory: () => INodeType): void {
	factories[type] = factory;
}

export class TestNodeTypes implements INodeTypes {
	private readonly instances = new Map<string, INodeType>();

	getByName(type: string): INodeType | IVersionedNodeType {
		return this.get(type);
	}

	getByNameAndVersion(type: string): INodeType {
		return this.get(type);
	}

	getKnownTypes() {
		return {};
	}

	private get(type: string): INodeType {
		let instance = this.instances.get(type);
		if (!instance) {
			const factory = factories[type];
			if (!factory) throw new Error(`Unknown node type in test: ${type}`);
			instance = factory();
			this.instances.set(type, instance);
		}
		return instance;
	}
}
