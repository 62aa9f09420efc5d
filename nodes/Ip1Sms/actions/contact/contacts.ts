import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { inputError } from '../../../shared/errors/inputErrors';
import { camelCaseKeys, utcTimestamps } from '../../../shared/dialect/documents';
import { toE164 } from '../../../shared/phoneNumbers';
import { isPlainObject } from '../../../shared/values';
import { readDefaultCountryCode } from '../common/fields';
import { checkedMsisdn, type IdRule, matching, readId, REQUIRED } from '../common/ids';
import { listEntries } from '../common/lists';
import { getParameter } from '../common/parameters';
import { ADDITIONAL_FIELDS, CONTACT_ID, PHONE_NUMBER } from './fields';

/** The conventional property keys the node offers as fields of their own. */
export const STANDARD_PROPERTIES: Record<string, string> = {
	phoneNumber: 'Phone Number',
	email: 'Email',
	firstName: 'First Name',
	lastName: 'Last Name',
};

/** Contact fields as the node's parameters hold them (standard fields, labels, custom properties). */
export interface ContactFields extends IDataObject {
	phoneNumber?: string;
	email?: string;
	firstName?: string;
	lastName?: string;
	labels?: string | string[];
	customProperties?: { property?: Array<{ name?: string; value?: unknown }> };
}

/**
 * `full`: a whole contact (create, replace); empty fields are left out.
 * `patch`: only the given fields (update); a field given empty becomes null, which iP.1 reads as
 * "remove this property".
 */
export type ContactWriteMode = 'full' | 'patch';

export interface ContactWrite {
	properties: IDataObject;
	/** Undefined in patch mode when labels were not given: the contact keeps its labels. */
	labels?: string[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const CONTACT_ID_RULE: IdRule = {
	field: 'Contact ID',
	problem: matching(/^[^\s/?#]+$/, 'must be a contact ID without spaces or slashes', REQUIRED),
	fix: 'Map the "id" of a contact from a previous node (Contact → Create or Get Many), for example 606312a5d233ab8484e18404.',
};

export function readContactId(context: IExecuteFunctions, itemIndex: number): string {
	return readId(context, itemIndex, CONTACT_ID, CONTACT_ID_RULE);
}

/** A whole contact as Create and Replace take it: Phone Number and the Additional Fields. */
export function readWholeContact(context: IExecuteFunctions, itemIndex: number): ContactFields {
	return {
		phoneNumber: getParameter(context, PHONE_NUMBER, itemIndex),
		...(getParameter(context, ADDITIONAL_FIELDS, itemIndex) as ContactFields),
	};
}

/** The contact document of one item for Create: `{ properties, labels }`, with at least one property. */
export function readNewContact(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const write = buildContactWrite(context.getNode(), itemIndex, readWholeContact(context, itemIndex), 'full', readDefaultCountryCode(context, itemIndex));
	if (Object.keys(write.properties).length === 0) {
		throw inputError(context.getNode(), itemIndex, {
			field: 'Phone Number',
			rule: 'is empty, and so is every other property: a contact needs at least one',
			fix: 'Map the phone number (or an email, a name or a custom property) of the contact.',
		});
	}
	return { properties: write.properties, labels: write.labels ?? [] };
}

/** A phone number as contacts store it: E.164 with `+`. */
export function contactPhoneNumber(
	node: INode,
	itemIndex: number,
	raw: unknown,
	defaultCountryCode: string,
): string {
	const msisdn = checkedMsisdn(node, itemIndex, raw, defaultCountryCode, {
		field: 'Phone Number',
		fix: 'Write the number with its country code (+46701234567 or 0046701234567), or set Options → Default Country Code for national numbers (070 123 45 67 with 46, (212) 555-0199 with 1).',
	});
	return toE164(msisdn);
}

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Builds the `properties` (and `labels`) of a contact document from the node's fields. */
export function buildContactWrite(
	node: INode,
	itemIndex: number,
	fields: ContactFields,
	mode: ContactWriteMode,
	defaultCountryCode: string,
): ContactWrite {
	const properties: IDataObject = {};
	writeStandardProperties(node, itemIndex, fields, mode, defaultCountryCode, properties);
	writeCustomProperties(node, itemIndex, fields, mode, properties);
	const write: ContactWrite = { properties };
	if (mode === 'full' || 'labels' in fields) write.labels = listEntries(fields.labels);
	return write;
}

function writeStandardProperties(
	node: INode,
	itemIndex: number,
	fields: ContactFields,
	mode: ContactWriteMode,
	defaultCountryCode: string,
	properties: IDataObject,
): void {
	for (const key of Object.keys(STANDARD_PROPERTIES)) {
		if (!(key in fields)) continue;
		const value = fields[key];
		if (isBlank(value)) {
			if (mode === 'patch') properties[key] = null;
			continue;
		}
		const text = String(value).trim();
		if (key === 'phoneNumber') {
			properties[key] = contactPhoneNumber(node, itemIndex, text, defaultCountryCode);
		} else if (key === 'email' && !EMAIL.test(text)) {
			throw inputError(node, itemIndex, {
				field: 'Email',
				rule: 'is not an email address',
				value: text,
				fix: 'Map an address such as name@example.com, or leave the field out.',
			});
		} else {
			properties[key] = text;
		}
	}
}

function writeCustomProperties(node: INode, itemIndex: number, fields: ContactFields, mode: ContactWriteMode, properties: IDataObject): void {
	for (const entry of fields.customProperties?.property ?? []) {
		const name = customPropertyName(node, itemIndex, entry.name, properties);
		const value = entry.value;
		if (isBlank(value)) {
			if (mode === 'patch') properties[name] = null;
			continue;
		}
		properties[name] = typeof value === 'string' ? value.trim() : (value as IDataObject[string]);
	}
}

/** A custom property's name: given, not one of the standard fields, and not given twice. */
function customPropertyName(node: INode, itemIndex: number, raw: unknown, properties: IDataObject): string {
	const name = String(raw ?? '').trim();
	if (name === '') {
		throw inputError(node, itemIndex, {
			field: 'Custom Properties → Name',
			rule: 'is required',
			fix: 'Give every custom property a name, such as department, or remove the empty row.',
		});
	}
	if (name in STANDARD_PROPERTIES) {
		throw inputError(node, itemIndex, {
			field: 'Custom Properties → Name',
			rule: `may not be ${name}, which has a field of its own`,
			value: name,
			fix: `Use the "${STANDARD_PROPERTIES[name]}" field instead of a custom property.`,
		});
	}
	if (name in properties) {
		throw inputError(node, itemIndex, {
			field: 'Custom Properties → Name',
			rule: 'is given twice',
			value: name,
			fix: 'Keep one row per property name.',
		});
	}
	return name;
}

/**
 * A contact as the node outputs it: top-level keys in camelCase whatever casing the API used
 * (`Properties` → `properties`), property keys untouched, `labels` always an array.
 */
export function normaliseContact(raw: unknown, includeMetadata: boolean): IDataObject {
	const contact = utcTimestamps(camelCaseKeys(isPlainObject(raw) ? raw : {}));
	if (contact.id === undefined && contact.contactId !== undefined) contact.id = contact.contactId;
	contact.properties = isPlainObject(contact.properties) ? contact.properties : {};
	contact.labels = Array.isArray(contact.labels) ? contact.labels : [];
	if (!includeMetadata) delete contact.metadata;
	return contact;
}
