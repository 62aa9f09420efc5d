import { contactDocument } from '../documents';
import { isEmptyFilter, matchesFilter, parseContactFilter, valueAsString } from '../contactQuery';
import { newObjectId } from '../ids';
import { ProblemError, badRequest, notFound } from '../problems';
import type { RouteContext, RouteDef, RouteResult } from '../router';
import type { Account, ContactRecord } from '../state';
import type { ContactsMetaDocument, JsonValue } from '../types';
import { ValidationErrors, isPlainObject } from '../validation';
import { deleted, flag, json, paged } from './common';

export const MAX_IMPORT = 10_000;

interface ContactInput {
	properties: Record<string, JsonValue>;
	labels: string[];
}

/** Properties without the null ones: null means "no value" here as in PATCH. */
function cleanProperties(input: Record<string, unknown>): Record<string, JsonValue> {
	const out: Record<string, JsonValue> = {};
	for (const [key, value] of Object.entries(structuredClone(input))) if (value !== null) out[key] = value as JsonValue;
	return out;
}

function uniqueLabels(labels: string[]): string[] {
	return Array.from(new Set(labels));
}

function parseLabels(value: unknown, field: string, errors: ValidationErrors): string[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value) || value.some((l) => typeof l !== 'string')) {
		errors.add(field, 'labels must be an array of strings.');
		return [];
	}
	return uniqueLabels(value as string[]);
}

function parseImport(body: unknown): ContactInput[] {
	if (!Array.isArray(body)) {
		throw new ProblemError(400, undefined, { $: ['The request body must be a JSON array of contacts: [{ "properties": {...}, "labels": [...] }].'] });
	}
	if (body.length > MAX_IMPORT) throw badRequest('$', `At most ${MAX_IMPORT} contacts per request (got ${body.length}).`);
	const errors = new ValidationErrors();
	const inputs: ContactInput[] = [];
	body.forEach((item: unknown, index) => {
		if (!isPlainObject(item) || !isPlainObject(item.properties)) {
			errors.add(`[${index}].properties`, 'properties is required and must be an object.');
			return;
		}
		inputs.push({ properties: cleanProperties(item.properties), labels: parseLabels(item.labels, `[${index}].labels`, errors) });
	});
	errors.throwIfAny();
	return inputs;
}

function createContact(ctx: RouteContext, input: ContactInput): ContactRecord {
	const contact: ContactRecord = {
		id: newObjectId(ctx.core.nowMs()),
		ownerId: ctx.account.id,
		properties: input.properties,
		labels: input.labels,
	};
	ctx.account.contacts.set(contact.id, contact);
	return contact;
}

function findContact(ctx: RouteContext): ContactRecord {
	const contact = ctx.account.contacts.get(ctx.params.contactId);
	if (!contact) throw notFound(`Contact '${ctx.params.contactId}' was not found.`);
	return contact;
}

function render(ctx: RouteContext, contact: ContactRecord): ReturnType<typeof contactDocument> {
	return contactDocument(contact, ctx.account, flag(ctx.query, 'meta'));
}

function checkBodyId(body: Record<string, unknown>, id: string): void {
	if (body.id !== undefined && body.id !== id) throw badRequest('id', `id '${String(body.id)}' does not match the contact in the path ('${id}').`);
}

function selected(ctx: RouteContext): ContactRecord[] {
	const filter = parseContactFilter(ctx.query);
	const all = Array.from(ctx.account.contacts.values());
	return isEmptyFilter(filter) ? all : all.filter((c) => matchesFilter(c, ctx.account, filter));
}

function importContacts(ctx: RouteContext): RouteResult {
	const inputs = parseImport(ctx.body);
	if (flag(ctx.query, 'sync')) return json(201, inputs.map((input) => render(ctx, createContact(ctx, input))));
	// The documented default imports in the background: the contacts appear after the answer.
	ctx.core.background.defer(() => {
		if (ctx.core.registry.get(ctx.account.id) !== ctx.account) return;
		for (const input of inputs) createContact(ctx, input);
	});
	return ctx.core.variants.importResponse === 'empty' ? { status: 202 } : json(202, { accepted: inputs.length });
}

function patchContact(ctx: RouteContext): RouteResult {
	const contact = findContact(ctx);
	if (!isPlainObject(ctx.body)) throw badRequest('$', 'The request body must be a JSON object.');
	const body = ctx.body;
	checkBodyId(body, contact.id);
	const errors = new ValidationErrors();
	if (body.properties !== undefined && body.properties !== null && !isPlainObject(body.properties)) {
		errors.add('properties', 'properties must be an object.');
	}
	const labels = body.labels === undefined ? null : parseLabels(body.labels, 'labels', errors);
	errors.throwIfAny();
	if (isPlainObject(body.properties)) {
		for (const [key, value] of Object.entries(structuredClone(body.properties))) {
			if (value === null) delete contact.properties[key];
			else contact.properties[key] = value as JsonValue;
		}
	}
	if (labels !== null) contact.labels = labels;
	return json(200, render(ctx, contact));
}

function replaceContact(ctx: RouteContext): RouteResult {
	const contact = findContact(ctx);
	if (!isPlainObject(ctx.body)) throw badRequest('$', 'The request body must be a JSON object.');
	const body = ctx.body;
	checkBodyId(body, contact.id);
	const errors = new ValidationErrors();
	if (!isPlainObject(body.properties)) errors.add('properties', 'properties is required and must be an object.');
	const labels = parseLabels(body.labels, 'labels', errors);
	errors.throwIfAny();
	contact.properties = cleanProperties(body.properties as Record<string, unknown>);
	contact.labels = labels;
	return json(200, render(ctx, contact));
}

function meta(account: Account): ContactsMetaDocument {
	const labels = new Map<string, number>();
	const properties = new Map<string, number[]>();
	for (const contact of account.contacts.values()) {
		for (const label of contact.labels) labels.set(label, (labels.get(label) ?? 0) + 1);
		for (const [key, value] of Object.entries(contact.properties)) {
			const lengths = properties.get(key) ?? [];
			lengths.push((valueAsString(value) ?? '').length);
			properties.set(key, lengths);
		}
	}
	const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
	return {
		totalCount: account.contacts.size,
		labels: Array.from(labels.keys())
			.sort(byName)
			.map((labelName) => ({ labelName, usageCount: labels.get(labelName) ?? 0 })),
		properties: Array.from(properties.keys())
			.sort(byName)
			.map((propertyName) => {
				const lengths = properties.get(propertyName) ?? [];
				return {
					propertyName,
					usageCount: lengths.length,
					averageLength: Math.round(lengths.reduce((s, l) => s + l, 0) / lengths.length),
					maxLength: Math.max(...lengths),
					minLength: Math.min(...lengths),
				};
			}),
	};
}

export const contactRoutes: RouteDef[] = [
	{ pattern: '/v2/contacts/meta', handlers: { GET: (ctx) => json(200, meta(ctx.account)) } },
	{
		pattern: '/v2/contacts',
		handlers: {
			GET: (ctx) => paged(ctx, selected(ctx), (c) => render(ctx, c)),
			POST: importContacts,
			// Documented mass operation: with no filter at all it deletes every contact.
			DELETE: (ctx) => {
				const doomed = selected(ctx);
				const docs = doomed.map((c) => render(ctx, c));
				for (const contact of doomed) ctx.account.contacts.delete(contact.id);
				return deleted(ctx, json(200, docs), docs);
			},
		},
	},
	{
		pattern: '/v2/contacts/:contactId',
		handlers: {
			GET: (ctx) => json(200, render(ctx, findContact(ctx))),
			PATCH: patchContact,
			PUT: replaceContact,
			DELETE: (ctx) => {
				const contact = findContact(ctx);
				const doc = render(ctx, contact);
				ctx.account.contacts.delete(contact.id);
				return deleted(ctx, json(200, doc), doc);
			},
		},
	},
];
