/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- the demo token is a public, documented sandbox value, not a credential */
import type { SandboxCore } from './core';
import { newObjectId } from './ids';
import { newLanding } from './routes/landings';
import type { Account } from './state';

/** Fixed so a demo (and the README) can show a working token. */
export const DEMO_TOKEN = 'ip1-sandbox-demo-token';

const PEOPLE: Array<[string, string, string, string]> = [
	['Astrid', 'Lindgren', 'Sales', 'customers,vip'],
	['Greta', 'Garbo', 'Sales', 'customers'],
	['Ingmar', 'Bergman', 'Support', 'customers'],
	['Selma', 'Lagerlöf', 'Marketing', 'customers,vip'],
	['Alfred', 'Nobel', 'Research', 'customers'],
	['Anders', 'Celsius', 'Research', ''],
	['Carl', 'Linnaeus', 'Research', 'customers'],
	['Zlatan', 'Ibrahimović', 'Support', 'vip'],
	['Björn', 'Borg', 'Sales', 'customers'],
	['Agnetha', 'Fältskog', 'Marketing', 'customers'],
	['Sven', 'Nykvist', 'Support', ''],
	['Karin', 'Boye', 'Marketing', 'customers,vip'],
];

export function seedDemoAccount(core: SandboxCore, account: Account): void {
	const nowMs = core.nowMs();
	account.senders.set('Acme', core.nowIso());
	PEOPLE.forEach(([firstName, lastName, department, labels], index) => {
		const id = newObjectId(nowMs);
		account.contacts.set(id, {
			id,
			ownerId: account.id,
			properties: {
				phoneNumber: `+46701234${String(index + 1).padStart(3, '0')}`,
				email: `${firstName.toLowerCase()}.${index + 1}@example.com`,
				firstName,
				lastName,
				department,
			},
			labels: [...labels.split(',').filter(Boolean), 'all'],
		});
	});
	const landing = newLanding(nowMs, new Date(nowMs).toISOString(), 'Spring campaign', { description: 'Demo landing page' });
	landing.elements.push({
		id: newObjectId(nowMs),
		type: 'Text',
		fields: {
			order: 1,
			backgroundColor: '#FFFFFF',
			foregroundColor: '#333333',
			padding: '8px',
			margin: '0px',
			textAlignment: 'Left',
			font: 'Roboto',
			content: 'Show this text in the shop for 20% off until Sunday.',
		},
	});
	account.landings.set(landing.id, landing);
}
