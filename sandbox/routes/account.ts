import { badRequest, notFound } from '../problems';
import type { RouteContext, RouteDef, RouteResult } from '../router';
import type { Account } from '../state';
import type { AccountDocument, AccountOverviewDocument, SandboxVariants } from '../types';
import { ValidationErrors, isPlainObject } from '../validation';
import { json } from './common';

// The /api/me family answers PascalCase JSON, unpaginated, as documented (section 14); the
// accountCasing and accountType readings (ambiguity 23) change the keys and the `Type` casing.

export function accountDocument(account: Account): AccountDocument {
	return {
		Key: account.token,
		Parent: account.parentId,
		Type: account.type,
		Balance: account.balance,
		Currency: account.currency,
		ID: account.id,
		Name: account.name,
	};
}

function overview(account: Account): AccountOverviewDocument {
	return {
		Account: account.id,
		Organization: account.organization,
		Type: account.type,
		Balance: account.balance,
		Currency: account.currency,
	};
}

function camelKey(key: string): string {
	return key === 'ID' ? 'id' : key.charAt(0).toLowerCase() + key.slice(1);
}

/** A document as the readings in force show it. */
function shaped(variants: SandboxVariants, document: AccountDocument | AccountOverviewDocument): Record<string, unknown> {
	const type = variants.accountType === 'capitalised' ? document.Type.charAt(0).toUpperCase() + document.Type.slice(1) : document.Type;
	const withType: Record<string, unknown> = { ...document, Type: type };
	if (variants.accountCasing === 'pascal') return withType;
	return Object.fromEntries(Object.entries(withType).map(([key, value]) => [camelKey(key), value]));
}

function answer(ctx: RouteContext, status: number, document: AccountDocument | AccountOverviewDocument): RouteResult {
	return json(status, shaped(ctx.core.variants, document));
}

/** A request field by its documented PascalCase name; the camelCase reading accepts its own casing too. */
function field(ctx: RouteContext, body: Record<string, unknown>, name: string): unknown {
	if (body[name] !== undefined || ctx.core.variants.accountCasing === 'pascal') return body[name];
	return body[camelKey(name)];
}

function validName(value: unknown, errors: ValidationErrors): string {
	if (typeof value !== 'string' || value.trim().length === 0 || value.length > 100) {
		errors.add('Name', 'Name is required: 1 to 100 characters.');
		return '';
	}
	return value;
}

function findChild(ctx: RouteContext): Account {
	const child = ctx.core.registry.get(ctx.params.childId);
	if (!child || child.parentId !== ctx.account.id) throw notFound(`Sub-account '${ctx.params.childId}' was not found.`);
	return child;
}

function createChild(ctx: RouteContext): RouteResult {
	if (!isPlainObject(ctx.body)) throw badRequest('$', 'The request body must be a JSON object: {"Name": "..."}.');
	const errors = new ValidationErrors();
	const name = validName(field(ctx, ctx.body, 'Name'), errors);
	errors.throwIfAny();
	const parent = ctx.account;
	const child = ctx.core.registry.create({
		name,
		organization: parent.organization,
		type: parent.type,
		currency: parent.currency,
		balance: 0,
		parentId: parent.id,
	});
	return answer(ctx, 201, accountDocument(child));
}

function updateChild(ctx: RouteContext): RouteResult {
	const child = findChild(ctx);
	if (!isPlainObject(ctx.body)) throw badRequest('$', 'The request body must be a JSON object: {"ID": "...", "Name": "..."}.');
	const errors = new ValidationErrors();
	if (field(ctx, ctx.body, 'ID') !== child.id) errors.add('ID', `ID must be the sub-account's id ('${child.id}').`);
	const name = validName(field(ctx, ctx.body, 'Name'), errors);
	errors.throwIfAny();
	child.name = name;
	return answer(ctx, 200, accountDocument(child));
}

export const accountRoutes: RouteDef[] = [
	{ pattern: '/api/me', handlers: { GET: (ctx) => answer(ctx, 200, overview(ctx.account)) } },
	{ pattern: '/api/me/account', handlers: { GET: (ctx) => answer(ctx, 200, accountDocument(ctx.account)) } },
	{
		pattern: '/api/me/children',
		handlers: {
			GET: (ctx) =>
				json(
					200,
					ctx.account.childIds.flatMap((id) => {
						const child = ctx.core.registry.get(id);
						return child ? [shaped(ctx.core.variants, accountDocument(child))] : [];
					}),
				),
			POST: createChild,
		},
	},
	{ pattern: '/api/me/children/:childId', handlers: { GET: (ctx) => answer(ctx, 200, accountDocument(findChild(ctx))), PUT: updateChild } },
];
