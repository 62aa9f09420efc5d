import type { IWebhookDescription } from 'n8n-workflow';

import { WEBHOOK_PATH } from './events';

/** What n8n answers (200) to a callback that started the workflow. */
const STARTED_RESPONSE = '={{ ({ received: true, started: true }) }}';

/**
 * n8n-workflow's `WEBHOOK_RESOLVERS` (n8n ≥ 2.41), a global symbol: n8n versions that do not know it
 * ignore the key. Taken by name rather than imported so that the package loads the same in every n8n.
 */
const WEBHOOK_RESOLVERS = Symbol.for('n8n.webhookDescriptionResolvers');

/**
 * The trigger's one webhook. iP.1 retries anything but 200: n8n answers at once (onReceived) with
 * its default code, 200. Without `responseData` n8n would answer the literal text "firstEntryJson"
 * to every started run.
 *
 * `responseData` is an expression, which n8n 2.41 runs in an isolated-vm sandbox on every callback
 * (about 20 ms of CPU each, measured with --cpu-prof over a burst of 1,000 delivery reports). The
 * native resolver beside it gives n8n the same value without the sandbox, as n8n's own Webhook node
 * does (`webhookDescriptionFields`); n8n uses it when the node's parameters hold no expression and
 * evaluates the template otherwise, and n8n before 2.41 always evaluates the template.
 */
export const triggerWebhook = {
	name: 'default',
	httpMethod: 'POST',
	responseMode: 'onReceived',
	responseData: STARTED_RESPONSE,
	path: WEBHOOK_PATH,
	[WEBHOOK_RESOLVERS]: {
		responseData: { template: STARTED_RESPONSE, resolve: () => ({ received: true, started: true }) },
	},
} as IWebhookDescription;
