import { ProblemError, badRequest, notFound } from '../problems';
import type { RouteContext, RouteDef, RouteResult } from '../router';
import type { LabelSummaryDocument } from '../types';
import { deleted, json } from './common';

function usage(ctx: RouteContext, label: string): number {
	let count = 0;
	for (const contact of ctx.account.contacts.values()) if (contact.labels.includes(label)) count++;
	return count;
}

function addToContacts(ctx: RouteContext): RouteResult {
	const label = ctx.params.labelName;
	const ids = ctx.body;
	if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
		throw badRequest('$', 'The request body must be a JSON array of contact ids.');
	}
	// All or nothing: an unknown id changes no contact, so a retry cannot half-apply.
	const unknown = (ids as string[]).filter((id) => !ctx.account.contacts.has(id));
	if (unknown.length > 0) {
		throw new ProblemError(400, undefined, { contactIds: [`Unknown contact ids: ${unknown.join(', ')}.`] });
	}
	for (const id of ids as string[]) {
		const contact = ctx.account.contacts.get(id);
		if (contact && !contact.labels.includes(label)) contact.labels.push(label);
	}
	return json(200, { labelName: label, usageCount: usage(ctx, label) } satisfies LabelSummaryDocument);
}

function deleteLabel(ctx: RouteContext): RouteResult {
	const label = ctx.params.labelName;
	let removed = 0;
	for (const contact of ctx.account.contacts.values()) {
		const index = contact.labels.indexOf(label);
		if (index >= 0) {
			contact.labels.splice(index, 1);
			removed++;
		}
	}
	if (removed === 0) throw notFound(`No contact carries the label '${label}'.`);
	// usageCount = contacts the label was removed from (its usage just before the delete).
	const summary: LabelSummaryDocument = { labelName: label, usageCount: removed };
	return deleted(ctx, json(200, summary), summary);
}

export const labelRoutes: RouteDef[] = [
	{ pattern: '/v2/labels/:labelName/contacts', handlers: { POST: addToContacts } },
	{ pattern: '/v2/labels/:labelName', handlers: { DELETE: deleteLabel } },
];
